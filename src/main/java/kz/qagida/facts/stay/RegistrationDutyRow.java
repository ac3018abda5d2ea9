package kz.qagida.facts.stay;

import java.time.LocalDate;
import java.util.List;

import kz.qagida.calendar.Days;
import kz.qagida.facts.input.Stay;
import kz.qagida.law.RuleInfo;

/**
 * The registration regime in force (ST-3, ST-4, ST-5): a row with {@code kind} LEGACY (register
 * after {@code dueDays} days, seed 004), TRP (a TRP by day {@code dueDays}) or ONLINE (online
 * registration by day {@code dueDays}, 2026); {@code capsStay} says whether a stay past the due
 * day without it is unlawful from the next day.
 */
public record RegistrationDutyRow(RuleInfo row) {

    /** The registration regimes, as a row's {@code kind} column names them. */
    public enum Kind {
        LEGACY, TRP, ONLINE
    }

    public Kind kind() {
        return Kind.valueOf(row.params().get("kind"));
    }

    public int dueDays() {
        return row.number("dueDays");
    }

    public boolean capsStay() {
        return Boolean.parseBoolean(row.params().get("capsStay"));
    }

    /**
     * The first entry date whose stays the day limit judges ({@code capsStaysFrom}): a stay that
     * began before the day limit existed is not judged by it.
     */
    public LocalDate capsStaysFrom() {
        String from = row.params().get("capsStaysFrom");
        return from == null ? null : LocalDate.parse(from);
    }

    /** The code of the obligation: TRP_REQUIRED or REGISTRATION_REQUIRED. */
    public String code() {
        return row.params().get("code");
    }

    /**
     * True when the duty applies to the current stay: a stay that lasts (or, with no exit yet,
     * may last) more than {@code dueDays} days; under the TRP and online rules only a visa-free
     * stay whose regime allows more than {@code dueDays} days per entry, and only until the due
     * day (after it the stay is unlawful, see ST-3's limit).
     */
    public static boolean applies(RegistrationDutyRow duty, Stay stay, List<?> terms, LocalDate asOf) {
        if (stay.exit() != null && Days.present(stay.entry(), stay.exit()) <= duty.dueDays()) {
            return false;
        }
        if (duty.kind() == Kind.LEGACY) {
            return true;
        }
        if (!stay.visaFreeOrUnknown() || terms.isEmpty() || !((StayTerms) terms.get(0)).allowsMoreThan(duty.dueDays())) {
            return false;
        }
        return !asOf.isAfter(Days.lastLawfulDay(stay.entry(), duty.dueDays()));
    }
}
