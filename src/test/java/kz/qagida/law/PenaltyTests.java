package kz.qagida.law;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class PenaltyTests {

    private static RuleInfo row(String citation, Map<String, String> params) {
        return new RuleInfo("PE-1", "PE-1 Overstay of 6 to 10 days", "decision-tables/penalties/overstay-bands.drl.xlsx", 11,
                Citation.parseAll(citation, "001_a213278441211c59.txt"), Validity.ALWAYS, null, params);
    }

    @Test
    void fifteenMrpIn2024Is55380TengeWrittenPlainly() {
        Penalty p = Penalty.of(row("KOAP art. 517 part 3-4", Map.of("penaltyKind", "FINE", "mrp", "15")), 3692);
        assertThat(p.kind()).isEqualTo(Penalty.Kind.FINE);
        assertThat(p.tenge()).isEqualByComparingTo("55380");
        assertThat(p.mrpValue()).isEqualTo(3692);
        assertThat(p.article()).isEqualTo("517");
        assertThat(p.part()).isEqualTo("3-4");
        String json = JsonMapper.builder().build().writeValueAsString(p);
        assertThat(json).contains("\"tenge\":55380").contains("\"mrp\":15").doesNotContain("E+").doesNotContain("maxArrestDays");
    }

    @Test
    void alternativesAndArrestDaysComeFromTheRow() {
        Penalty p = Penalty.of(row("KOAP art. 517", Map.of("penaltyKind", "FINE", "mrp", "25", "alternatives", "ARREST, EXPULSION",
                "maxArrestDays", "10")), 3692);
        assertThat(p.alternatives()).containsExactly(Penalty.Kind.ARREST, Penalty.Kind.EXPULSION);
        assertThat(p.maxArrestDays()).isEqualTo(10);
        assertThat(p.part()).isNull();
    }

    @Test
    void anUnknownMrpLeavesTheTengeUnknownRatherThanGuessed() {
        Penalty p = Penalty.of(row("KOAP art. 517", Map.of("penaltyKind", "FINE", "mrp", "25")), null);
        assertThat(p.mrp()).isEqualByComparingTo("25");
        assertThat(p.tenge()).isNull();
        assertThat(p.mrpValue()).isNull();
    }

    @Test
    void aWarningHasNoAmount() {
        Penalty p = Penalty.of(row("KOAP art. 517 part 3-4", Map.of("penaltyKind", "WARNING")), 3692);
        assertThat(p.mrp()).isNull();
        assertThat(p.tenge()).isNull();
        assertThat(p.mrpValue()).isNull();
        assertThat(p.alternatives()).isEqualTo(List.of());
    }

    @Test
    void halfAnMrpKeepsItsFraction() {
        assertThat(Money.tenge(Money.mrp("0,5"), 2917)).isEqualByComparingTo(new BigDecimal("1458.5"));
        assertThat(Money.tenge(Money.mrp("0.5"), 3692).toPlainString()).isEqualTo("1846");
        assertThat(Money.mrp("")).isNull();
    }
}
