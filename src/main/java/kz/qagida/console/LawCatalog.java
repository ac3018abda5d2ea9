package kz.qagida.console;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import kz.qagida.law.Citation;
import kz.qagida.law.RuleInfo;
import kz.qagida.rules.RuleBase;

/**
 * The law as the loaded rule base holds it, for the law page: areas, their files (tables and DRL),
 * the rows of a file with their versions, and the rows in force on a day. Everything shown comes
 * from the rules' metadata ({@link RuleInfo}); nothing legal is written here.
 */
final class LawCatalog {

    record FileEntry(String path, String name, boolean table, int rows, int inForce) {
    }

    record Area(String name, List<FileEntry> files) {
    }

    /** Another version of a row: the same rulebook id and conditions in the same file, in force at another time. */
    record Version(String name, String anchor, LocalDate from, LocalDate to, boolean earlier) {
    }

    record Row(String id, String name, String anchor, String file, Integer row, LocalDate from, LocalDate to,
            boolean inForce, Map<String, String> values, List<Cite> citations, String note, String conditions,
            List<Version> versions) {

        public String fileName() {
            return file.substring(file.lastIndexOf('/') + 1) + (row == null ? "" : " : " + row);
        }

        public String validity() {
            return (from == null ? "…" : from.toString()) + " – " + (to == null ? "…" : to.toString());
        }
    }

    /** A citation as shown: "KOAP art. 517 part 1", with the seed file it was taken from. */
    record Cite(String text, String source) {

        static Cite of(Citation c) {
            StringBuilder s = new StringBuilder(c.act());
            if (c.article() != null) {
                s.append(" art. ").append(c.article());
            }
            if (c.paragraph() != null) {
                s.append(" para. ").append(c.paragraph());
            }
            if (c.part() != null) {
                s.append(" part ").append(c.part());
            }
            if (c.subparagraph() != null) {
                s.append(" subpara. ").append(c.subparagraph());
            }
            return new Cite(s.toString(), c.source());
        }
    }

    private final RuleBase rules;

    LawCatalog(RuleBase rules) {
        this.rules = rules;
    }

    /** Areas (the folder under rules-drl/ or decision-tables/) with their files and how many rows are in force on {@code on}. */
    List<Area> areas(LocalDate on) {
        Map<String, Map<String, List<RuleInfo>>> byArea = new TreeMap<>();
        for (RuleInfo r : rules.catalog()) {
            byArea.computeIfAbsent(area(r.file()), a -> new TreeMap<>()).computeIfAbsent(r.file(), f -> new ArrayList<>())
                    .add(r);
        }
        List<Area> areas = new ArrayList<>();
        byArea.forEach((area, files) -> {
            List<FileEntry> entries = new ArrayList<>();
            files.forEach((file, rows) -> entries.add(new FileEntry(file, file.substring(file.lastIndexOf('/') + 1),
                    file.endsWith(".xlsx"), rows.size(),
                    (int) rows.stream().filter(r -> on == null || r.validity().contains(on)).count())));
            areas.add(new Area(area, entries));
        });
        return areas;
    }

    boolean hasFile(String file) {
        return rules.catalog().stream().anyMatch(r -> r.file().equals(file));
    }

    /** The rows of one file in sheet (or rule) order, each with its earlier and later versions. */
    List<Row> rows(String file, LocalDate on) {
        List<RuleInfo> infos = rules.catalog().stream().filter(r -> r.file().equals(file)).toList();
        return infos.stream().map(r -> row(r, infos, on)).toList();
    }

    /** Rows of every file that satisfy the filter, in force on {@code on} (or at any time when null). */
    List<Row> rows(java.util.function.Predicate<RuleInfo> filter, LocalDate on) {
        return rules.catalog().stream().filter(filter).filter(r -> on == null || r.validity().contains(on))
                .map(r -> row(r, List.of(), on)).toList();
    }

    /** The tenge value of one MRP on a day, from the row in force that carries a {@code tenge} value; null if none. */
    BigDecimal mrpValue(LocalDate on) {
        return rules.catalog().stream()
                .filter(r -> r.params().containsKey("tenge") && r.params().size() == 1 && r.validity().contains(on))
                .map(r -> new BigDecimal(r.params().get("tenge"))).findFirst().orElse(null);
    }

    static BigDecimal tenge(String mrp, BigDecimal mrpValue) {
        if (mrp == null || mrpValue == null) {
            return null;
        }
        try {
            return new BigDecimal(mrp.trim()).multiply(mrpValue).setScale(0, RoundingMode.HALF_UP);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Row row(RuleInfo r, List<RuleInfo> sameFile, LocalDate on) {
        String conditions = rules.conditions().getOrDefault(r.name(), "");
        List<Version> versions = new ArrayList<>();
        for (RuleInfo other : sameFile) {
            if (other != r && other.id().equals(r.id()) && !other.validity().equals(r.validity())
                    && Objects.equals(rules.conditions().getOrDefault(other.name(), ""), conditions)) {
                versions.add(new Version(other.name(), anchor(other.name()), other.validity().from(),
                        other.validity().to(), r.validity().startsAfter(other.validity())));
            }
        }
        versions.sort(Comparator.comparing(Version::from, Comparator.nullsFirst(Comparator.naturalOrder())));
        return new Row(r.id(), r.name(), anchor(r.name()), r.file(), r.row(), r.validity().from(), r.validity().to(),
                on == null || r.validity().contains(on), new LinkedHashMap<>(r.params()),
                r.citations().stream().map(Cite::of).toList(), r.note(),
                conditions.strip(), versions);
    }

    static String area(String file) {
        String[] parts = file.split("/");
        return parts.length > 2 ? parts[1] : "";
    }

    static String anchor(String name) {
        return "r-" + name.replaceAll("[^A-Za-z0-9]+", "-");
    }
}
