package kz.qagida.law;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The sanction a violation carries, as a penalty table row states it: its kind, the amount in MRP,
 * the tenge it comes to at the MRP in force on the check date ({@code mrpValue}; both null when
 * that MRP is unknown), the alternatives the court may choose instead, and the KoAP article and
 * part (taken from the row's first KOAP citation).
 */
public record Penalty(Kind kind, BigDecimal mrp, BigDecimal tenge, Integer mrpValue, List<Kind> alternatives,
        String article, String part, @JsonInclude(JsonInclude.Include.NON_NULL) Integer maxArrestDays) {

    /**
     * The forms of administrative liability for a migration violation (PE-4: warning, fine,
     * administrative arrest, expulsion; 004, KOAP_2001 art. 577 = KOAP art. 517).
     */
    public enum Kind {
        WARNING, FINE, ARREST, EXPULSION
    }

    /**
     * The penalty a table row states in its metadata: {@code penaltyKind}, {@code mrp},
     * {@code alternatives} (comma-separated kinds), {@code maxArrestDays}; priced at
     * {@code mrpValue} tenge per MRP (null: unknown).
     */
    public static Penalty of(RuleInfo row, Integer mrpValue) {
        String kindText = row.params().get("penaltyKind");
        if (kindText == null) {
            throw new IllegalStateException(row.name() + ": the row has no penaltyKind");
        }
        Kind kind = Kind.valueOf(kindText.trim());
        BigDecimal mrp = Money.mrp(row.params().get("mrp"));
        List<Kind> alternatives = new ArrayList<>();
        String alt = row.params().get("alternatives");
        if (alt != null) {
            Arrays.stream(alt.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Kind::valueOf)
                    .forEach(alternatives::add);
        }
        Citation koap = row.citations().stream().filter(c -> c.act().equals("KOAP")).findFirst().orElse(null);
        BigDecimal tenge = Money.tenge(mrp, mrpValue);
        return new Penalty(kind, mrp, tenge, mrp == null ? null : mrpValue, List.copyOf(alternatives),
                koap == null ? null : koap.article(), koap == null ? null : koap.part(), row.number("maxArrestDays"));
    }

    /** The forms of liability a conclusion's penalty names: its kind, then its alternatives; empty for none. */
    public static List<String> forms(Penalty penalty) {
        if (penalty == null) {
            return List.of();
        }
        List<String> forms = new ArrayList<>();
        forms.add(penalty.kind().name());
        penalty.alternatives().forEach(k -> forms.add(k.name()));
        return forms;
    }
}
