package kz.qagida.facts.input;

import java.time.LocalDate;
import java.util.List;

/**
 * What happened before: expulsion, penalties, offences charged (KoAP article numbers). {@code
 * expulsionGrounds} are the grounds of art. 28 of the Law on the Legal Status of Foreigners
 * alleged (STATE_SECURITY_OR_PUBLIC_ORDER, HEALTH_MORALITY_OR_RIGHTS, BREACH_OF_LAW,
 * SHAM_MARRIAGE); {@code expulsionLeaveBy} the day the court's expulsion decision sets for leaving;
 * {@code preventiveRestrictionFrom} the first day of a court-sanctioned preventive restriction.
 */
public record History(LocalDate expulsionDecisionOn, LocalDate lastOverstayPenaltyOn, Boolean unservedPenalty,
        Boolean unfiledTaxDeclaration, List<String> offences, List<String> expulsionGrounds, LocalDate expulsionLeaveBy,
        LocalDate preventiveRestrictionFrom) {

    /**
     * True when an overstay whose last lawful day was {@code lastLawfulDay} began within
     * {@code months} months after the last overstay penalty (PE-2's repeat).
     */
    public boolean overstayPenaltyWithinMonths(LocalDate lastLawfulDay, int months) {
        LocalDate began = lastLawfulDay.plusDays(1);
        return lastOverstayPenaltyOn != null && lastOverstayPenaltyOn.isBefore(began)
                && !began.isAfter(lastOverstayPenaltyOn.plusMonths(months));
    }

    public boolean hasExpulsionDecision() {
        return expulsionDecisionOn != null;
    }

    public boolean hasPreventiveRestriction() {
        return preventiveRestrictionFrom != null;
    }
}
