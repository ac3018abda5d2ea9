package kz.qagida.check;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sanity limits on everything a request carries, whatever record it sits in: dates within years
 * 1900..2100, strings of at most {@value #MAX_STRING} characters, lists of at most {@value #MAX_LIST}
 * items ({@value #MAX_STAYS} stays), whole numbers within 0..{@value #MAX_NUMBER}. Walking the records
 * covers fields added later without touching this class.
 */
final class InputLimits {

    public static final int MIN_YEAR = 1900;
    public static final int MAX_YEAR = 2100;
    public static final int MAX_STRING = 100;
    public static final int MAX_LIST = 100;
    public static final int MAX_STAYS = 1000;
    public static final int MAX_NUMBER = 100_000;

    private static final Map<Class<?>, List<Accessor>> ACCESSORS = new ConcurrentHashMap<>();

    private record Accessor(String name, Method method) {
    }

    private InputLimits() {
    }

    /** The fields of the request outside the limits, by JSON path. */
    public static List<FieldProblem> check(Object request) {
        List<FieldProblem> errors = new ArrayList<>();
        walk(request, "", errors);
        return errors;
    }

    private static void walk(Object value, String path, List<FieldProblem> errors) {
        if (value == null || errors.size() >= 50) {
            return;
        }
        if (value instanceof String s) {
            if (s.length() > MAX_STRING) {
                errors.add(new FieldProblem(path, "at most " + MAX_STRING + " characters (got " + s.length() + ")"));
            }
        } else if (value instanceof LocalDate d) {
            if (d.getYear() < MIN_YEAR || d.getYear() > MAX_YEAR) {
                errors.add(new FieldProblem(path, "date " + d + " is outside the years " + MIN_YEAR + ".." + MAX_YEAR));
            }
        } else if (value instanceof Integer || value instanceof Long) {
            long n = ((Number) value).longValue();
            if (n < 0 || n > MAX_NUMBER) {
                errors.add(new FieldProblem(path, "must be a whole number from 0 to " + MAX_NUMBER + " (got " + n + ")"));
            }
        } else if (value instanceof List<?> list) {
            int max = path.equals("stays") ? MAX_STAYS : MAX_LIST;
            if (list.size() > max) {
                errors.add(new FieldProblem(path, "at most " + max + " items (got " + list.size() + ")"));
                return;
            }
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", errors);
            }
        } else if (value.getClass().isRecord()) {
            for (Accessor a : accessors(value.getClass())) {
                Object component;
                try {
                    component = a.method().invoke(value);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                walk(component, path.isEmpty() ? a.name() : path + "." + a.name(), errors);
            }
        }
    }

    private static List<Accessor> accessors(Class<?> type) {
        return ACCESSORS.computeIfAbsent(type, t -> {
            List<Accessor> out = new ArrayList<>();
            for (RecordComponent c : t.getRecordComponents()) {
                Method m = c.getAccessor();
                m.setAccessible(true);
                out.add(new Accessor(c.getName(), m));
            }
            return List.copyOf(out);
        });
    }
}
