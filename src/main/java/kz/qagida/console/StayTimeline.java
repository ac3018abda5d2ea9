package kz.qagida.console;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

import tools.jackson.databind.JsonNode;

import kz.qagida.calendar.Presence;
import kz.qagida.calendar.WindowLimit;

/**
 * The stay timeline, drawn as inline SVG from a request and its answer: each stay a bar on a date
 * axis (planned trips and declared departures dashed), the days used in the rolling window as a line
 * against its limit, the last lawful day, the overstay days and the earliest re-entry. The numbers
 * drawn (limits, days, dates) are the answer's facts; the line counts days of presence with the
 * calendar module's counting. The accessible name starts with "Stay timeline".
 */
final class StayTimeline {

    private static final int WIDTH = 960;
    private static final int LEFT = 70;
    private static final int RIGHT = 24;
    private static final int BAR = 18;
    private static final int GAP = 8;
    private static final int CHART = 120;
    private static final int MAX_DAYS = 800;

    /** A stay as drawn: present days [first, last] solid; to {@code declared} dashed (a return ticket); planned if entered after asOf. */
    private record Bar(LocalDate entry, LocalDate last, LocalDate declared, boolean planned) {
    }

    private StayTimeline() {
    }

    /**
     * The SVG, or null when the request has no stays and no planned entry. {@code text} gives the
     * labels in the page's language: {@code text.apply(key, arguments)}.
     */
    static String svg(JsonNode request, JsonNode answer, BiFunction<String, Object[], String> text) {
        LocalDate asOf = date(answer.get("asOf"));
        if (asOf == null || request == null) {
            return null;
        }
        List<Bar> bars = new ArrayList<>();
        List<Presence.Interval> present = new ArrayList<>();
        for (JsonNode s : request.path("stays")) {
            LocalDate entry = date(s.get("entry"));
            LocalDate exit = date(s.get("exit"));
            if (entry == null || (exit != null && exit.isBefore(entry))) {
                continue;
            }
            boolean planned = entry.isAfter(asOf);
            LocalDate last = planned ? (exit == null ? entry : exit) : exit == null || exit.isAfter(asOf) ? asOf : exit;
            bars.add(new Bar(entry, last, exit != null && exit.isAfter(last) ? exit : null, planned));
            present.add(new Presence.Interval(entry, exit == null ? last : exit));
        }
        JsonNode plannedEntry = request.path("requests").path("plannedEntry");
        LocalDate plannedDate = date(plannedEntry.get("date"));
        if (plannedDate != null && plannedEntry.path("days").asInt(0) > 0) {
            LocalDate last = plannedDate.plusDays(plannedEntry.path("days").asInt() - 1L);
            bars.add(new Bar(plannedDate, last, null, true));
            present.add(new Presence.Interval(plannedDate, last));
        }
        if (bars.isEmpty()) {
            return null;
        }
        Facts f = Facts.of(answer);
        LocalDate start = asOf;
        LocalDate end = asOf;
        for (Bar b : bars) {
            start = min(start, b.entry());
            end = max(end, b.declared() != null ? b.declared() : b.last());
        }
        for (LocalDate d : new LocalDate[] {f.lastLawfulDay, f.earliestReentry}) {
            if (d != null) {
                end = max(end, d);
            }
        }
        start = start.minusDays(3);
        end = end.plusDays(5);
        if (ChronoUnit.DAYS.between(start, end) > MAX_DAYS) {
            start = end.minusDays(MAX_DAYS);
        }
        Axis x = new Axis(start, end);
        int barsHeight = bars.size() * (BAR + GAP) + f.overstays.size() * 16;
        int chartTop = 40 + barsHeight + 30;
        boolean chart = f.windowDays != null && f.windowLimit != null;
        int height = chartTop + (chart ? CHART + 50 : 50);

        StringBuilder label = new StringBuilder("Stay timeline: ");
        label.append(text.apply("timeline.summary", new Object[] {bars.size(), bars.get(0).entry(), asOf}));
        if (f.lastLawfulDay != null) {
            label.append("; ").append(text.apply("timeline.lastLawfulDay", new Object[] {f.lastLawfulDay}));
        }
        if (f.overstayDays != null) {
            label.append("; ").append(text.apply("timeline.overstay", new Object[] {f.overstayDays}));
        }
        if (f.earliestReentry != null) {
            label.append("; ").append(text.apply("timeline.reentry", new Object[] {f.earliestReentry}));
        }
        if (chart) {
            label.append("; ").append(text.apply("timeline.window", new Object[] {f.windowLimit, f.windowDays}));
        }
        Svg svg = new Svg();
        svg.open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "timeline", "role", "img", "viewBox",
                "0 0 " + WIDTH + " " + height, "aria-label", label.toString());
        svg.element("title", label.toString());
        // date axis: a tick on the first of each month (or each week for short spans)
        int axisY = 28;
        svg.line(LEFT, axisY, WIDTH - RIGHT, axisY, "axis");
        boolean weekly = ChronoUnit.DAYS.between(start, end) < 70;
        for (LocalDate d = weekly ? start : start.withDayOfMonth(1).plusMonths(1); !d.isAfter(end);
                d = weekly ? d.plusDays(7) : d.plusMonths(1)) {
            svg.line(x.at(d), axisY - 4, x.at(d), height - 8, "grid");
            svg.text(x.at(d) + 2, axisY - 8, d.toString(), "tick");
        }
        // stays
        int y = 40;
        for (Bar b : bars) {
            boolean over = false;
            String cls = b.planned() ? "stay planned" : "stay";
            svg.rect(x.at(b.entry()), y, x.width(b.entry(), b.last()), BAR, cls);
            if (b.declared() != null) {
                svg.rect(x.at(b.last().plusDays(1)), y, x.width(b.last().plusDays(1), b.declared()), BAR, "stay planned");
            }
            String what = b.planned() ? text.apply("timeline.planned", new Object[] {b.entry(), b.declared() != null ? b.declared() : b.last()})
                    : b.entry() + " – " + (b.declared() != null ? b.declared() : b.last());
            svg.text(x.at(b.entry()) + 4, y + 13, what, "bar-label");
            for (Overstay o : f.overstays) {
                if (o.entry == null || o.entry.equals(b.entry())) {
                    over = true;
                    LocalDate first = o.lastLawfulDay.plusDays(1);
                    LocalDate last = o.lastLawfulDay.plusDays(o.days);
                    svg.rect(x.at(first), y - 3, x.width(first, last), BAR + 6, "overstay");
                    svg.label(x.at(last.plusDays(1)) + 4, y + BAR + 14, text.apply("timeline.overstay", new Object[] {o.days}),
                            "overstay-label");
                }
            }
            y += BAR + GAP + (over ? 16 : 0);
        }
        markers(svg, x, f, asOf, height, text);
        if (chart) {
            window(svg, x, f, present, chartTop, text);
        }
        svg.close("svg");
        return svg.toString();
    }

    private static void markers(Svg svg, Axis x, Facts f, LocalDate asOf, int height, BiFunction<String, Object[], String> text) {
        svg.line(x.at(asOf) + x.day() / 2, 32, x.at(asOf) + x.day() / 2, height - 8, "asof");
        svg.label(x.at(asOf) + x.day() / 2 + 3, height - 10, text.apply("timeline.asOf", new Object[] {asOf}), "asof-label");
        if (f.lastLawfulDay != null) {
            double at = x.at(f.lastLawfulDay.plusDays(1));
            svg.line(at, 32, at, height - 8, "lawful");
            String lawful = text.apply("timeline.lastLawfulDay", new Object[] {f.lastLawfulDay});
            if (at - 4 - lawful.length() * 6.2 > LEFT) {
                svg.text(at - 4, height - 24, lawful, "lawful-label end"); // left of its line, clear of later marks
            } else {
                svg.label(at + 4, height - 24, lawful, "lawful-label");
            }
        }
        if (f.earliestReentry != null) {
            double at = x.at(f.earliestReentry);
            svg.open("path", "class", "reentry", "d", "M" + fmt(at) + " 30 l-6 -10 h12 z");
            svg.close("path");
            svg.line(at, 30, at, height - 8, "reentry-line");
            svg.label(at + 8, height - 38, text.apply("timeline.reentry", new Object[] {f.earliestReentry}), "reentry-label");
        }
    }

    private static void window(Svg svg, Axis x, Facts f, List<Presence.Interval> present, int top,
            BiFunction<String, Object[], String> text) {
        WindowLimit limit = WindowLimit.rolling(f.windowDays, f.windowLimit);
        Presence presence = Presence.of(present);
        long max = f.windowLimit;
        List<long[]> points = new ArrayList<>();
        for (LocalDate d = x.start; !d.isAfter(x.end); d = d.plusDays(1)) {
            long used = presence.used(limit, d);
            max = Math.max(max, used);
            points.add(new long[] {d.toEpochDay(), used});
        }
        double scale = CHART / (max * 1.15);
        int bottom = top + CHART;
        svg.line(LEFT, bottom, WIDTH - RIGHT, bottom, "axis");
        svg.text(4, top + 10, text.apply("timeline.daysUsed", new Object[] {f.windowDays}), "chart-label");
        double limitY = bottom - f.windowLimit * scale;
        svg.line(LEFT, limitY, WIDTH - RIGHT, limitY, "limit");
        svg.text(WIDTH - RIGHT - 4, limitY - 4, text.apply("timeline.window", new Object[] {f.windowLimit, f.windowDays}),
                "limit-label end");
        StringBuilder path = new StringBuilder();
        for (long[] p : points) {
            path.append(path.isEmpty() ? "" : " ").append(fmt(x.at(LocalDate.ofEpochDay(p[0])) + x.day() / 2)).append(',')
                    .append(fmt(bottom - p[1] * scale));
        }
        svg.open("polyline", "class", "used", "points", path.toString());
        svg.close("polyline");
        svg.text(LEFT - 6, bottom, "0", "tick end");
        svg.text(LEFT - 6, limitY + 4, String.valueOf(f.windowLimit), "tick end");
    }

    /** The answer's facts the timeline marks. */
    private record Facts(LocalDate lastLawfulDay, LocalDate earliestReentry, Integer overstayDays, Integer windowDays,
            Integer windowLimit, List<Overstay> overstays) {

        static Facts of(JsonNode answer) {
            LocalDate lastLawful = null;
            LocalDate reentry = null;
            Integer overstay = null;
            Integer windowDays = null;
            Integer windowLimit = null;
            List<Overstay> overstays = new ArrayList<>();
            for (JsonNode c : answer.path("conclusions")) {
                JsonNode facts = c.path("facts");
                String code = c.path("code").asString("");
                if (("STAY_LIMIT".equals(code) || "OVERSTAY".equals(code)) && date(facts.get("lastLawfulDay")) != null) {
                    lastLawful = date(facts.get("lastLawfulDay"));
                }
                if (date(facts.get("earliestReentry")) != null && !"PLANNED_ENTRY".equals(code)
                        && !"PLANNED_STAY".equals(code)) {
                    reentry = date(facts.get("earliestReentry"));
                }
                if ("OVERSTAY".equals(code) && facts.path("overstayDays").asInt(0) > 0 && date(facts.get("lastLawfulDay")) != null) {
                    overstay = (overstay == null ? 0 : overstay) + facts.path("overstayDays").asInt();
                    overstays.add(new Overstay(date(facts.get("entry")), date(facts.get("lastLawfulDay")),
                            facts.path("overstayDays").asInt()));
                }
                if (windowDays == null && facts.path("windowDays").isNumber() && facts.path("windowLimit").isNumber()) {
                    windowDays = facts.path("windowDays").asInt();
                    windowLimit = facts.path("windowLimit").asInt();
                }
            }
            return new Facts(lastLawful, reentry, overstay, windowDays, windowLimit, overstays);
        }
    }

    private record Overstay(LocalDate entry, LocalDate lastLawfulDay, int days) {
    }

    /** Dates to x positions: one day is a column from {@code at(day)} to {@code at(day + 1)}. */
    private record Axis(LocalDate start, LocalDate end) {

        double day() {
            return (WIDTH - LEFT - RIGHT) / (double) (ChronoUnit.DAYS.between(start, end) + 1);
        }

        double at(LocalDate d) {
            return LEFT + ChronoUnit.DAYS.between(start, d) * day();
        }

        double width(LocalDate first, LocalDate last) {
            return Math.max(1, (ChronoUnit.DAYS.between(first, last) + 1) * day());
        }
    }

    /** A small SVG writer that escapes every attribute and text. */
    private static final class Svg {
        private final StringBuilder out = new StringBuilder(8192);

        void open(String name, String... attributes) {
            out.append('<').append(name);
            for (int i = 0; i + 1 < attributes.length; i += 2) {
                out.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1])).append('"');
            }
            out.append('>');
        }

        void close(String name) {
            out.append("</").append(name).append('>');
        }

        void element(String name, String content) {
            open(name);
            out.append(escape(content));
            close(name);
        }

        void line(double x1, double y1, double x2, double y2, String cls) {
            open("line", "class", cls, "x1", fmt(x1), "y1", fmt(y1), "x2", fmt(x2), "y2", fmt(y2));
            close("line");
        }

        void rect(double x, double y, double w, double h, String cls) {
            open("rect", "class", cls, "x", fmt(x), "y", fmt(y), "width", fmt(w), "height", fmt(h), "rx", "3");
            close("rect");
        }

        void text(double x, double y, String content, String cls) {
            open("text", "class", cls, "x", fmt(x), "y", fmt(y));
            out.append(escape(content));
            close("text");
        }

        /** A label starting at x, or ending there when it would run past the right edge. */
        void label(double x, double y, String content, String cls) {
            boolean flip = x + content.length() * 6.2 > WIDTH - RIGHT;
            open("text", "class", flip ? cls + " end" : cls, "x", fmt(flip ? x - 10 : x), "y", fmt(y));
            out.append(escape(content));
            close("text");
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static LocalDate date(JsonNode n) {
        if (n == null || !n.isString()) {
            return null;
        }
        try {
            return LocalDate.parse(n.asString());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
