package kz.qagida.facts;

import java.time.LocalDate;
import java.util.List;

/** What happened before: expulsion, penalties, offences charged (KoAP article numbers). */
public record History(LocalDate expulsionDecisionOn, LocalDate lastOverstayPenaltyOn, Boolean unservedPenalty,
        Boolean unfiledTaxDeclaration, List<String> offences) {

    public History {
        unservedPenalty = Boolean.TRUE.equals(unservedPenalty);
        unfiledTaxDeclaration = Boolean.TRUE.equals(unfiledTaxDeclaration);
        offences = offences == null ? List.of() : List.copyOf(offences);
    }
}
