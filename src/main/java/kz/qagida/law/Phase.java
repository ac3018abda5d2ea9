package kz.qagida.law;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The named phases rules run in, earliest first: a rule says {@code salience (Phase.DERIVE)}, never a
 * bare number, and the loader refuses any other salience. A phase runs once the phases before it
 * have nothing left to fire; the order matters where a rule must see every fact of a kind before
 * it fires ({@code not}, {@code collect}, {@code accumulate}). Decision-table rows run in
 * {@link #CANDIDATES}, the default. docs/architecture.md explains each phase.
 */
public final class Phase {

    /** Facts the tables match on, derived from the request (events, services asked, work without right). */
    public static final int CLASSIFY = 5;
    /** Decision-table rows (candidates, terms, fines) and conclusions that need only the request. */
    public static final int CANDIDATES = 0;
    /** One candidate chosen among several (the visa regime that governs). */
    public static final int CHOOSE = -1;
    /** Deadlines in working days, once every calendar row is in. */
    public static final int DEADLINES = -5;
    /** Deadlines missed. */
    public static final int LATE = -6;
    /** Facts derived from the chosen regime and deadlines, and the conclusions they give. */
    public static final int DERIVE = -10;
    /** The days of presence the window limits count. */
    public static final int PRESENCE = -15;
    /** Each limit on a stay (per entry, window, TRP, visa, transit). */
    public static final int LIMITS = -20;
    /** The earliest limit of each stay: its last lawful day. */
    public static final int EARLIEST = -30;
    /** Days present past the last lawful day. */
    public static final int OVERSTAY = -40;
    /** The limit of the current stay. */
    public static final int CURRENT = -45;
    /** Conclusions that need every limit and exemption. */
    public static final int CONCLUDE = -50;
    /** Conclusions about the MRP in force, once every amount is known. */
    public static final int MONEY = -100;
    /** Notes added to the conclusions as a whole (amounts in MRP only). */
    public static final int ANNOTATE = -200;

    private Phase() {
    }

    /** Every phase by name, earliest first. */
    public static Map<String, Integer> all() {
        Map<String, Integer> phases = new LinkedHashMap<>();
        Arrays.stream(Phase.class.getFields()).filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == int.class)
                .sorted(Comparator.comparingInt(Phase::value).reversed())
                .forEach(f -> phases.put(f.getName(), value(f)));
        return phases;
    }

    private static int value(Field f) {
        try {
            return f.getInt(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
