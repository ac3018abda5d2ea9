package kz.qagida.calendar;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The days a person was in Kazakhstan, as closed intervals of dates (entry and exit both count),
 * and the rulebook's counting on them: days used in a window, the last lawful day of a stay under
 * a per-entry limit and window limits, and the earliest re-entry. Overlapping intervals are merged.
 */
public final class Presence {

    /** A stay's days of presence, both ends included. */
    public record Interval(LocalDate first, LocalDate last) {
        public Interval {
            if (last.isBefore(first)) {
                throw new IllegalArgumentException("interval ends before it starts: " + first + ".." + last);
            }
        }
    }

    /** How far ahead a search for a lawful day looks before it gives up (no window is longer). */
    private static final int SEARCH_DAYS = 3 * 366;

    private final List<Interval> intervals;

    private Presence(List<Interval> merged) {
        this.intervals = merged;
    }

    public static Presence of(List<Interval> intervals) {
        List<Interval> sorted = new ArrayList<>(intervals);
        sorted.sort(Comparator.comparing(Interval::first));
        List<Interval> merged = new ArrayList<>();
        for (Interval i : sorted) {
            if (!merged.isEmpty() && !i.first().isAfter(merged.get(merged.size() - 1).last().plusDays(1))) {
                Interval last = merged.remove(merged.size() - 1);
                merged.add(new Interval(last.first(), i.last().isAfter(last.last()) ? i.last() : last.last()));
            } else {
                merged.add(i);
            }
        }
        return new Presence(List.copyOf(merged));
    }

    public static Presence none() {
        return new Presence(List.of());
    }

    public Presence with(Interval more) {
        List<Interval> all = new ArrayList<>(intervals);
        all.add(more);
        return of(all);
    }

    public List<Interval> intervals() {
        return intervals;
    }

    public boolean contains(LocalDate day) {
        for (Interval i : intervals) {
            if (!day.isBefore(i.first()) && !day.isAfter(i.last())) {
                return true;
            }
        }
        return false;
    }

    /** Days of presence in [from, to], both included. */
    public long count(LocalDate from, LocalDate to) {
        long days = 0;
        for (Interval i : intervals) {
            LocalDate a = i.first().isAfter(from) ? i.first() : from;
            LocalDate b = i.last().isBefore(to) ? i.last() : to;
            if (!b.isBefore(a)) {
                days += ChronoUnit.DAYS.between(a, b) + 1;
            }
        }
        return days;
    }

    /** Days of presence in the window of {@code limit} that ends on {@code day}. */
    public long used(WindowLimit limit, LocalDate day) {
        return count(limit.start(day), day);
    }

    /** The first day of presence in [from, to] on which the window's limit is exceeded; null when none. */
    public LocalDate firstExceeded(WindowLimit limit, LocalDate from, LocalDate to) {
        for (Interval i : intervals) {
            LocalDate a = i.first().isAfter(from) ? i.first() : from;
            LocalDate b = i.last().isBefore(to) ? i.last() : to;
            for (LocalDate d = a; !d.isAfter(b); d = d.plusDays(1)) {
                if (used(limit, d) > limit.limit()) {
                    return d;
                }
            }
        }
        return null;
    }

    /** The most days used in the window on any day of presence in [from, to]. */
    public long maxUsed(WindowLimit limit, LocalDate from, LocalDate to) {
        long max = 0;
        for (Interval i : intervals) {
            LocalDate a = i.first().isAfter(from) ? i.first() : from;
            LocalDate b = i.last().isBefore(to) ? i.last() : to;
            for (LocalDate d = a; !d.isAfter(b); d = d.plusDays(1)) {
                max = Math.max(max, used(limit, d));
            }
        }
        return max;
    }

    /**
     * The last lawful day of a stay entering on {@code entry}, given the presence on other days:
     * the earliest of the per-entry limit ({@code entry + perEntry - 1}) and the day before the first
     * day on which a window would be exceeded. {@code entry - 1} when even the entry day is not
     * lawful; null when nothing limits the stay.
     */
    public LocalDate lastLawfulDay(LocalDate entry, Integer perEntry, List<WindowLimit> windows) {
        LocalDate cap = perEntry == null ? null : Days.lastLawfulDay(entry, perEntry);
        if (windows.isEmpty()) {
            return cap;
        }
        LocalDate end = cap != null ? cap : entry.plusDays(SEARCH_DAYS);
        Presence others = without(entry);
        for (LocalDate d = entry; !d.isAfter(end); d = d.plusDays(1)) {
            for (WindowLimit w : windows) {
                LocalDate start = w.start(d);
                long used = others.count(start, d) + Days.present(start.isAfter(entry) ? start : entry, d);
                if (used > w.limit()) {
                    return d.minusDays(1);
                }
            }
        }
        return cap;
    }

    /** The other days of presence: this presence without the stay that begins on {@code entry}. */
    private Presence without(LocalDate entry) {
        List<Interval> rest = new ArrayList<>();
        for (Interval i : intervals) {
            if (i.first().isBefore(entry)) {
                rest.add(i.last().isBefore(entry) ? i : new Interval(i.first(), entry.minusDays(1)));
            } else if (i.first().isAfter(entry)) {
                rest.add(i);
            }
        }
        return new Presence(rest);
    }

    /**
     * The first date on or after {@code from} on which an entry of at least one day breaks no
     * window (RULEBOOK, Conventions); null when none within three years.
     */
    public LocalDate earliestReentry(LocalDate from, List<WindowLimit> windows) {
        return earliestEntry(from, 1, null, windows);
    }

    /**
     * The first date on or after {@code from} on which a stay of {@code days} days would be lawful
     * under the per-entry limit and the windows; null when none within three years.
     */
    public LocalDate earliestEntry(LocalDate from, int days, Integer perEntry, List<WindowLimit> windows) {
        if (perEntry != null && days > perEntry) {
            return null;
        }
        for (int k = 0; k <= SEARCH_DAYS; k++) {
            LocalDate d = from.plusDays(k);
            if (contains(d)) {
                continue;
            }
            LocalDate last = lastLawfulDay(d, perEntry, windows);
            if (last == null || !last.isBefore(d.plusDays(days - 1L))) {
                return d;
            }
        }
        return null;
    }
}
