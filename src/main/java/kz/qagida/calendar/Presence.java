package kz.qagida.calendar;

import java.time.LocalDate;
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
    /** Epoch day of the first day of presence; prefix[i] = days of presence in [lo, lo + i - 1]. */
    private final long lo;
    private final int[] prefix;

    private Presence(List<Interval> merged) {
        this.intervals = merged;
        if (merged.isEmpty()) {
            lo = 0;
            prefix = new int[] {0};
            return;
        }
        lo = merged.get(0).first().toEpochDay();
        long hi = merged.get(merged.size() - 1).last().toEpochDay();
        prefix = new int[(int) (hi - lo) + 2];
        for (Interval i : merged) {
            for (long d = i.first().toEpochDay(); d <= i.last().toEpochDay(); d++) {
                prefix[(int) (d - lo) + 1] = 1;
            }
        }
        for (int k = 1; k < prefix.length; k++) {
            prefix[k] += prefix[k - 1];
        }
    }

    /** Days of presence in [lo, day], for any epoch day. */
    private int upTo(long day) {
        long k = day - lo + 1;
        if (k <= 0) {
            return 0;
        }
        return prefix[(int) Math.min(k, prefix.length - 1)];
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
        return count(day, day) > 0;
    }

    /** Days of presence in [from, to], both included. */
    public long count(LocalDate from, LocalDate to) {
        return count(from.toEpochDay(), to.toEpochDay());
    }

    private long count(long from, long to) {
        return to < from ? 0 : upTo(to) - upTo(from - 1);
    }

    private long used(WindowLimit limit, long day) {
        long start = limit.kind() == WindowLimit.Kind.ROLLING ? day - (limit.windowDays() - 1L)
                : LocalDate.ofEpochDay(day).withDayOfYear(1).toEpochDay();
        return count(start, day);
    }

    /** Days of presence in the window of {@code limit} that ends on {@code day}. */
    public long used(WindowLimit limit, LocalDate day) {
        return used(limit, day.toEpochDay());
    }

    /** The first day of presence in [from, to] on which the window's limit is exceeded; null when none. */
    public LocalDate firstExceeded(WindowLimit limit, LocalDate from, LocalDate to) {
        for (Interval i : intervals) {
            LocalDate a = i.first().isAfter(from) ? i.first() : from;
            LocalDate b = i.last().isBefore(to) ? i.last() : to;
            for (long d = a.toEpochDay(); d <= b.toEpochDay(); d++) {
                if (used(limit, d) > limit.limit()) {
                    return LocalDate.ofEpochDay(d);
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
            for (long d = a.toEpochDay(); d <= b.toEpochDay(); d++) {
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
        // the stay's own days (from entry to the end of the run of presence holding it) are not "other" days
        long first = entry.toEpochDay();
        long ownEnd = first - 1;
        for (Interval i : intervals) {
            if (!entry.isBefore(i.first()) && !entry.isAfter(i.last())) {
                ownEnd = i.last().toEpochDay();
            }
        }
        return lastLawfulDayAmong(first, ownEnd, cap, windows);
    }

    /**
     * The last lawful day of a stay from epoch day {@code first}, the days [first, ownEnd] of this
     * presence being the stay's own (not counted as other days).
     */
    private LocalDate lastLawfulDayAmong(long first, long ownEnd, LocalDate cap, List<WindowLimit> windows) {
        long end = cap != null ? cap.toEpochDay() : first + SEARCH_DAYS;
        for (long d = first; d <= end; d++) {
            for (WindowLimit w : windows) {
                long start = w.kind() == WindowLimit.Kind.ROLLING ? d - (w.windowDays() - 1L)
                        : LocalDate.ofEpochDay(d).withDayOfYear(1).toEpochDay();
                long from = Math.max(start, first);
                long others = count(start, d) - (Math.min(d, ownEnd) >= from ? Math.min(d, ownEnd) - from + 1 : 0);
                long used = others + (d - from + 1);
                if (used > w.limit()) {
                    return LocalDate.ofEpochDay(d - 1);
                }
            }
        }
        return cap;
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
            // no stay contains d, so every day of this presence is another stay's
            LocalDate cap = perEntry == null ? null : Days.lastLawfulDay(d, perEntry);
            LocalDate last = windows.isEmpty() ? cap : lastLawfulDayAmong(d.toEpochDay(), d.toEpochDay() - 1, cap, windows);
            if (last == null || !last.isBefore(d.plusDays(days - 1L))) {
                return d;
            }
        }
        return null;
    }
}
