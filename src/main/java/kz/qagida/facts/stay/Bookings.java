package kz.qagida.facts.stay;

import kz.qagida.facts.input.Booking;
import kz.qagida.facts.input.StayBasis;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import kz.qagida.calendar.Days;
import kz.qagida.calendar.Presence;
import kz.qagida.calendar.WindowLimit;

/**
 * Planned trips judged in date order (ST-1, ST-2): each against the known presence and the trips
 * booked before it, each booked day then counting against the later ones.
 */
public final class Bookings {

    /**
     * The answer for one trip: {@code lastLawfulDay} is its last day within every limit (null when
     * not even the entry day is, or nothing limits it), {@code firstDayOver} the first booked day
     * past it, {@code limitedBy} PER_ENTRY, WINDOW (a rolling window) or YEAR (a calendar year).
     */
    public record Judged(Booking booking, boolean allowed, LocalDate lastLawfulDay, LocalDate firstDayOver,
            LimitedBy limitedBy) {
    }

    private Bookings() {
    }

    public static LocalDate firstEntry(List<?> bookings) {
        return sorted(bookings).stream().map(Booking::entry).findFirst().orElse(null);
    }

    public static List<Judged> judge(Presence known, List<?> bookings, Integer perEntry, List<WindowLimit> windows) {
        Presence p = known;
        List<Judged> out = new ArrayList<>();
        for (Booking b : sorted(bookings)) {
            LocalDate last = p.lastLawfulDay(b.entry(), perEntry, windows);
            if (last == null) {
                out.add(new Judged(b, true, null, null, null));
            } else {
                boolean allowed = !last.isBefore(b.lastDay());
                LocalDate firstOver = allowed ? null : last.isBefore(b.entry()) ? b.entry() : last.plusDays(1);
                out.add(new Judged(b, allowed, last.isBefore(b.entry()) ? null : last, firstOver,
                        limitedBy(p, b.entry(), last, perEntry, windows)));
            }
            p = p.with(new Presence.Interval(b.entry(), b.lastDay()));
        }
        return out;
    }

    /** Which limit ends a stay entering on {@code entry} on {@code last}. */
    private static LimitedBy limitedBy(Presence p, LocalDate entry, LocalDate last, Integer perEntry, List<WindowLimit> windows) {
        if (perEntry != null && Days.lastLawfulDay(entry, perEntry).equals(last)) {
            return LimitedBy.PER_ENTRY;
        }
        for (WindowLimit w : windows) {
            if (last.equals(p.lastLawfulDay(entry, null, List.of(w)))) {
                return w.kind() == WindowLimit.Kind.ROLLING ? LimitedBy.WINDOW : LimitedBy.YEAR;
            }
        }
        return LimitedBy.WINDOW;
    }

    /** The presence with every counted booking's days added, except one that holds {@code except}. */
    public static Presence with(Presence known, List<?> bookings, LocalDate except) {
        Presence p = known;
        for (Booking b : sorted(bookings)) {
            boolean holds = except != null && !except.isBefore(b.entry()) && !except.isAfter(b.lastDay());
            if (!holds && b.basis() != StayBasis.TRP) {
                p = p.with(new Presence.Interval(b.entry(), b.lastDay()));
            }
        }
        return p;
    }

    /**
     * True when a stay of {@code days} days from {@code date} makes a later booking exceed a window
     * it kept without it.
     */
    public static boolean breaksLater(Presence withBookings, LocalDate date, int days, List<?> bookings,
            List<WindowLimit> windows) {
        Presence planned = withBookings.with(new Presence.Interval(date, Days.lastLawfulDay(date, Math.max(1, days))));
        for (Booking b : sorted(bookings)) {
            if (!b.entry().isAfter(date)) {
                continue;
            }
            for (WindowLimit w : windows) {
                if (withBookings.firstExceeded(w, b.entry(), b.lastDay()) == null
                        && planned.firstExceeded(w, b.entry(), b.lastDay()) != null) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<Booking> sorted(List<?> bookings) {
        List<Booking> out = new ArrayList<>();
        for (Object o : bookings) {
            out.add((Booking) o);
        }
        out.sort(Comparator.comparing(Booking::entry));
        return out;
    }
}
