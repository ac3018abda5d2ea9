package kz.qagida.facts.visa;

import kz.qagida.facts.input.Stay;
import kz.qagida.facts.input.Transport;
import kz.qagida.facts.input.Visa;

import java.time.LocalDate;
import java.util.List;

import kz.qagida.calendar.Days;

/**
 * A planned entry on the person's visa (VS-1, EN-8): the last lawful day is the earlier of the
 * category's days per visit and the visa's validity; the visa must be valid on the day of entry,
 * a single-entry visa already used admits no second entry, and an e-visa admits by air only.
 *
 * @param reason why it is not allowed: VISA_NOT_YET_VALID, VISA_EXPIRED, VISA_ALREADY_USED,
 *        E_VISA_AIR_ONLY, STAY_TOO_LONG; null when allowed
 */
public record VisaPlan(boolean allowed, LocalDate lastLawfulDay, String reason) {

    public static VisaPlan judge(Visa visa, Integer perVisit, LocalDate date, int days, Transport transport, List<?> staysOnVisa) {
        LocalDate last = visa.validUntil();
        if (perVisit != null && Days.lastLawfulDay(date, perVisit).isBefore(last)) {
            last = Days.lastLawfulDay(date, perVisit);
        }
        LocalDate lastLawful = last.isBefore(date) ? null : last;
        if (visa.issued() != null && date.isBefore(visa.issued())) {
            return new VisaPlan(false, lastLawful, "VISA_NOT_YET_VALID");
        }
        if (date.isAfter(visa.validUntil())) {
            return new VisaPlan(false, null, "VISA_EXPIRED");
        }
        if (visa.entries() == Visa.VisaEntries.SINGLE && usedSince(visa, staysOnVisa)) {
            return new VisaPlan(false, lastLawful, "VISA_ALREADY_USED");
        }
        if (visa.electronic() && transport != null && transport != Transport.AIR) {
            return new VisaPlan(false, lastLawful, "E_VISA_AIR_ONLY");
        }
        if (last.isBefore(Days.lastLawfulDay(date, Math.max(1, days)))) {
            return new VisaPlan(false, lastLawful, "STAY_TOO_LONG");
        }
        return new VisaPlan(true, lastLawful, null);
    }

    private static boolean usedSince(Visa visa, List<?> staysOnVisa) {
        for (Object o : staysOnVisa) {
            Stay s = (Stay) o;
            if (visa.issued() == null || !s.entry().isBefore(visa.issued())) {
                return true;
            }
        }
        return false;
    }
}
