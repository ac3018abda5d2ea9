package kz.qagida.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import kz.qagida.calendar.Presence.Interval;

class PresenceTests {

    private static final WindowLimit NINETY_IN_180 = WindowLimit.rolling(180, 90);

    private static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    private static Interval stay(String first, String last) {
        return new Interval(d(first), d(last));
    }

    @Test
    void entryAndExitDaysBothCount() {
        Presence p = Presence.of(List.of(stay("2024-03-01", "2024-03-30")));
        assertThat(p.count(d("2024-01-01"), d("2024-12-31"))).isEqualTo(30);
        assertThat(p.used(NINETY_IN_180, d("2024-03-30"))).isEqualTo(30);
    }

    @Test
    void ninetyIn180CapsAThirdMonthBeforeThePerEntryLimit() {
        // 30 + 30 days already used in the window: the third entry may last 30 days, no more
        Presence p = Presence.of(List.of(stay("2024-01-01", "2024-01-30"), stay("2024-02-10", "2024-03-10"),
                stay("2024-04-01", "2024-04-01")));
        assertThat(p.lastLawfulDay(d("2024-04-01"), 30, List.of(NINETY_IN_180))).isEqualTo(d("2024-04-30"));
        Presence q = Presence.of(List.of(stay("2024-01-01", "2024-01-30"), stay("2024-02-10", "2024-03-20"),
                stay("2024-04-01", "2024-04-01")));
        // 30 + 40 used: 20 left
        assertThat(q.lastLawfulDay(d("2024-04-01"), 30, List.of(NINETY_IN_180))).isEqualTo(d("2024-04-20"));
    }

    @Test
    void windowDaysFallOutOfTheWindowAsItRolls() {
        // 90 days from 1 January 2024 (to 30 March); the window ending 28 June still starts on 1 January,
        // the one ending 29 June has let 1 January go: re-entry on 29 June
        Presence p = Presence.of(List.of(stay("2024-01-01", "2024-03-30")));
        assertThat(p.used(NINETY_IN_180, d("2024-06-28"))).isEqualTo(90);
        assertThat(p.used(NINETY_IN_180, d("2024-06-29"))).isEqualTo(89);
        assertThat(p.earliestReentry(d("2024-03-31"), List.of(NINETY_IN_180))).isEqualTo(d("2024-06-29"));
    }

    @Test
    void calendarYearLimitResetsOnFirstJanuary() {
        WindowLimit year = WindowLimit.calendarYear(120);
        Presence p = Presence.of(List.of(stay("2024-01-01", "2024-04-29")));
        assertThat(p.used(year, d("2024-12-31"))).isEqualTo(120);
        assertThat(p.earliestReentry(d("2024-05-01"), List.of(year))).isEqualTo(d("2025-01-01"));
    }

    @Test
    void withinOneYearLooksBack365Days() {
        WindowLimit year = WindowLimit.rolling(365, 30);
        Presence p = Presence.of(List.of(stay("2023-03-01", "2023-03-30")));
        assertThat(p.earliestReentry(d("2023-04-01"), List.of(year))).isEqualTo(d("2024-02-29"));
    }

    @Test
    void anEntryThatBreaksTheWindowOnItsFirstDayHasNoLawfulDay() {
        Presence p = Presence.of(List.of(stay("2024-01-01", "2024-03-30"), stay("2024-04-10", "2024-04-12")));
        assertThat(p.lastLawfulDay(d("2024-04-10"), 30, List.of(NINETY_IN_180))).isEqualTo(d("2024-04-09"));
        assertThat(p.firstExceeded(NINETY_IN_180, d("2024-01-01"), d("2024-12-31"))).isEqualTo(d("2024-04-10"));
        assertThat(p.maxUsed(NINETY_IN_180, d("2024-01-01"), d("2024-12-31"))).isEqualTo(93);
    }

    @Test
    void aPlannedStayLongerThanThePerEntryLimitIsNeverLawful() {
        assertThat(Presence.none().earliestEntry(d("2024-01-01"), 31, 30, List.of(NINETY_IN_180))).isNull();
        assertThat(Presence.none().earliestEntry(d("2024-01-01"), 30, 30, List.of(NINETY_IN_180))).isEqualTo(d("2024-01-01"));
    }

    // ---- property tests against a brute-force day-by-day counter ----

    private static final LocalDate ORIGIN = d("2020-01-01");
    private static final int SPAN = 900;

    /** Presence as one boolean per day since ORIGIN. */
    private static boolean[] days(List<Interval> stays) {
        boolean[] present = new boolean[SPAN + 4 * 366];
        for (Interval i : stays) {
            for (LocalDate x = i.first(); !x.isAfter(i.last()); x = x.plusDays(1)) {
                present[idx(x)] = true;
            }
        }
        return present;
    }

    private static int idx(LocalDate x) {
        return (int) java.time.temporal.ChronoUnit.DAYS.between(ORIGIN, x);
    }

    private static int bruteUsed(boolean[] present, WindowLimit w, LocalDate day) {
        int n = 0;
        for (LocalDate x = w.start(day); !x.isAfter(day); x = x.plusDays(1)) {
            int i = idx(x);
            if (i >= 0 && i < present.length && present[i]) {
                n++;
            }
        }
        return n;
    }

    private static boolean bruteLawfulThrough(boolean[] others, LocalDate entry, LocalDate last, List<WindowLimit> ws) {
        boolean[] p = others.clone();
        for (LocalDate x = entry; !x.isAfter(last); x = x.plusDays(1)) {
            p[idx(x)] = true;
        }
        for (LocalDate x = entry; !x.isAfter(last); x = x.plusDays(1)) {
            for (WindowLimit w : ws) {
                if (bruteUsed(p, w, x) > w.limit()) {
                    return false;
                }
            }
        }
        return true;
    }

    private static List<WindowLimit> randomWindows(Random r) {
        List<WindowLimit> ws = new ArrayList<>();
        int[][] rolling = {{180, 90}, {180, 42}, {180, 60}, {365, 90}, {365, 30}};
        int k = r.nextInt(rolling.length);
        ws.add(WindowLimit.rolling(rolling[k][0], rolling[k][1]));
        if (r.nextBoolean()) {
            ws.add(WindowLimit.calendarYear(120));
        }
        return ws;
    }

    private static List<Interval> randomStays(Random r, int count) {
        List<Interval> stays = new ArrayList<>();
        LocalDate at = ORIGIN.plusDays(r.nextInt(20));
        for (int i = 0; i < count; i++) {
            LocalDate first = at;
            LocalDate last = first.plusDays(r.nextInt(40));
            stays.add(new Interval(first, last));
            at = last.plusDays(1 + r.nextInt(60));
        }
        return stays;
    }

    @Test
    void windowCountsAgreeWithADayByDayCount() {
        Random r = new Random(20240301);
        for (int run = 0; run < 2000; run++) {
            List<Interval> stays = randomStays(r, 1 + r.nextInt(8));
            Presence p = Presence.of(stays);
            boolean[] present = days(stays);
            WindowLimit w = randomWindows(r).get(r.nextBoolean() ? 0 : 0);
            LocalDate day = ORIGIN.plusDays(r.nextInt(SPAN));
            assertThat(p.used(w, day)).as("run %d %s on %s", run, w, day).isEqualTo(bruteUsed(present, w, day));
            WindowLimit year = WindowLimit.calendarYear(120);
            assertThat(p.used(year, day)).isEqualTo(bruteUsed(present, year, day));
        }
    }

    @Test
    void lastLawfulDayIsTheLastDayABruteForceCounterAccepts() {
        Random r = new Random(42);
        for (int run = 0; run < 3000; run++) {
            List<Interval> before = randomStays(r, r.nextInt(6));
            LocalDate entry = before.isEmpty() ? ORIGIN.plusDays(30)
                    : before.get(before.size() - 1).last().plusDays(1 + r.nextInt(100));
            Integer perEntry = r.nextInt(4) == 0 ? null : new int[] {14, 30, 90}[r.nextInt(3)];
            List<WindowLimit> ws = randomWindows(r);
            List<Interval> all = new ArrayList<>(before);
            all.add(new Interval(entry, entry));
            LocalDate last = Presence.of(all).lastLawfulDay(entry, perEntry, ws);

            boolean[] others = days(before);
            LocalDate expected = entry.minusDays(1);
            int cap = perEntry == null ? 3 * 366 : perEntry;
            for (int k = 0; k < cap; k++) {
                if (!bruteLawfulThrough(others, entry, entry.plusDays(k), ws)) {
                    break;
                }
                expected = entry.plusDays(k);
            }
            assertThat(last).as("run %d: %s then entry %s, per entry %s, %s", run, before, entry, perEntry, ws)
                    .isEqualTo(expected);
        }
    }

    @Test
    void earliestReentryIsTheFirstDayABruteForceCounterAccepts() {
        Random r = new Random(7);
        for (int run = 0; run < 1500; run++) {
            List<Interval> stays = randomStays(r, 1 + r.nextInt(6));
            List<WindowLimit> ws = randomWindows(r);
            LocalDate from = stays.get(stays.size() - 1).last().plusDays(1);
            LocalDate found = Presence.of(stays).earliestReentry(from, ws);
            boolean[] present = days(stays);
            LocalDate expected = null;
            for (LocalDate x = from; expected == null; x = x.plusDays(1)) {
                if (bruteLawfulThrough(present, x, x, ws)) {
                    expected = x;
                }
            }
            assertThat(found).as("run %d: %s %s", run, stays, ws).isEqualTo(expected);
        }
    }
}
