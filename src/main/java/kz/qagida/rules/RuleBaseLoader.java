package kz.qagida.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import kz.qagida.rules.FileCompiler.Compiled;
import kz.qagida.law.Citation;
import kz.qagida.law.RuleInfo;
import kz.qagida.law.Validity;

/**
 * Compiles a rules root into one {@link RuleBase}, or refuses it with every problem found, each
 * naming the file and the line (DRL) or cell (table): compile errors, a file that yields no
 * rules, a duplicate rule name, a rule without {@code @id}, {@code @citation} or {@code @source},
 * an unparseable validity date.
 */
public final class RuleBaseLoader {

    private static final Logger log = LoggerFactory.getLogger(RuleBaseLoader.class);
    private static final Pattern RULE_ID = Pattern.compile("[A-Z]{2}-\\d+");
    private static final Pattern WHEN = Pattern.compile(
            "^\\s*rule\\s+\"([^\"]+)\".*?\\bwhen\\b(.*?)\\bthen\\b(.*?)^\\s*end\\s*$", Pattern.MULTILINE | Pattern.DOTALL);
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final java.util.Set<String> STANDARD_KEYS = java.util.Set.of("id", "citation", "source", "validFrom", "validTo", "note");
    /** Parameters named like these hold a count of days (or a limit in days) and must be whole numbers. */
    private static final Pattern NUMBER_KEY = Pattern.compile(".*(Days|Limit)");

    private RuleBaseLoader() {
    }

    public static RuleBase load(List<RuleFile> files) {
        return load(files, CompiledCache.NONE);
    }

    /** Loads the files, taking each compiled file from the cache when it holds it and keeping the others there. */
    public static RuleBase load(List<RuleFile> files, CompiledCache cache) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Map<String, String>> messages = new TreeMap<>();
        Map<String, List<JsonNode>> reference = new TreeMap<>();
        List<RuleFile> ruleFiles = new ArrayList<>();
        for (RuleFile f : files) {
            if (f.isDrl() || f.isTable()) {
                ruleFiles.add(f);
            } else if (f.path().startsWith("messages/")) {
                readMessages(f, problems, messages);
            } else if (f.path().startsWith("reference/")) {
                readReference(f, problems, reference);
            }
        }
        if (ruleFiles.isEmpty()) {
            problems.add(new Problem("(rules root)", null, "no rule files found under rules-drl/ or decision-tables/"));
        }
        List<Compiled> compiled = compileAll(ruleFiles, cache, problems);

        Map<String, String> firstFileOfName = new HashMap<>();
        for (Compiled c : compiled) {
            for (String name : c.locations().keySet()) {
                String other = firstFileOfName.putIfAbsent(name, c.path());
                if (other != null) {
                    problems.add(new Problem(c.path(), c.locations().get(name),
                            "duplicate rule name \"" + name + "\" (also in " + other + "): every rule needs a unique, stable name"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleLoadException(problems);
        }

        InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase();
        Map<String, Compiled> byRule = new HashMap<>();
        List<KiePackage> packages = new ArrayList<>();
        // Among matches of equal salience Drools fires the rule loaded first. One builder over all
        // files numbers a package's rules across its files in path order; compiled apart, each file
        // starts again at 0. Renumbered here as one builder would, so that the rules fire in the same order.
        Map<String, Integer> nextLoadOrder = new HashMap<>();
        for (Compiled c : compiled) {
            try {
                for (KiePackage pkg : FileCompiler.packages(c)) {
                    List<RuleImpl> rules = new ArrayList<>();
                    pkg.getRules().forEach(r -> rules.add((RuleImpl) r));
                    rules.sort(java.util.Comparator.comparingInt(RuleImpl::getLoadOrder));
                    for (RuleImpl r : rules) {
                        byRule.put(r.getName(), c);
                        r.setLoadOrder(nextLoadOrder.merge(pkg.getName(), 1, Integer::sum) - 1);
                    }
                    packages.add(pkg);
                }
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                // an entry whose checksum matched but does not load: a defect, not a cache miss
                throw new IllegalStateException("cannot load the compiled " + c.path(), e);
            }
        }
        kieBase.addPackages(packages);
        Map<String, Integer> counts = new LinkedHashMap<>();
        compiled.forEach(c -> counts.put(c.path(), 0));
        List<RuleInfo> catalog = new ArrayList<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                Compiled source = byRule.get(rule.getName());
                if (source == null) {
                    problems.add(new Problem("(unknown file)", null, "rule \"" + rule.getName() + "\" has no known source file"));
                    continue;
                }
                counts.merge(source.path(), 1, Integer::sum);
                RuleInfo info = describe(rule, source, problems);
                if (info != null) {
                    ((RuleImpl) rule).addMetaAttribute(RuleInfo.KEY, info);
                    catalog.add(info);
                }
            }
        }
        counts.forEach((path, n) -> {
            if (n == 0) {
                problems.add(new Problem(path, null, "yields no rules: check the RuleTable keyword, the header rows "
                        + "and that data rows follow them without a blank row"));
            }
        });
        if (!problems.isEmpty()) {
            throw new RuleLoadException(problems);
        }
        counts.forEach((path, n) -> log.info("Loaded {} rules from {}", n, path));
        catalog.sort((a, b) -> a.file().equals(b.file())
                ? Integer.compare(lineOrder(a), lineOrder(b)) : a.file().compareTo(b.file()));
        Map<String, String> conditions = new HashMap<>();
        Map<String, String> consequences = new HashMap<>();
        for (Compiled c : compiled) {
            Matcher m = WHEN.matcher(c.drl());
            while (m.find()) {
                conditions.put(m.group(1), m.group(2).trim().replaceAll("\\s+", " "));
                consequences.put(m.group(1), m.group(3).trim().replaceAll("\\s+", " "));
            }
        }
        return new RuleBase(kieBase, version(files), Instant.now(), counts, List.copyOf(catalog), messages, reference,
                conditions, consequences, files);
    }

    /**
     * Each rule file compiled on its own, side by side (one thread per processor): taken from the
     * cache by its key, or compiled and kept there. In path order; problems are added.
     */
    private static List<Compiled> compileAll(List<RuleFile> files, CompiledCache cache, List<Problem> problems) {
        long start = System.nanoTime();
        AtomicInteger hits = new AtomicInteger();
        int threads = Math.min(files.size(), Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "rule-compiler");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<Problem>>> found = new ArrayList<>();
            Compiled[] out = new Compiled[files.size()];
            for (int i = 0; i < files.size(); i++) {
                int at = i;
                RuleFile f = files.get(i);
                found.add(pool.submit(() -> {
                    String key = CompiledCache.key(f);
                    Compiled c = cache.get(key);
                    List<Problem> mine = new ArrayList<>();
                    if (c != null && c.path().equals(f.path())) {
                        hits.incrementAndGet();
                        if (c.cells() != null) {
                            RulesetVersion.remember(f.content(), c.cells());
                        }
                    } else {
                        c = FileCompiler.compile(f, mine);
                        if (c != null) {
                            cache.put(key, c);
                        }
                    }
                    out[at] = c;
                    return mine;
                }));
            }
            for (Future<List<Problem>> f : found) {
                problems.addAll(f.get());
            }
            cache.prune();
            log.info("Rule files: {} compiled, {} from the cache of compiled rules, in {} ms", files.size() - hits.get(),
                    hits.get(), (System.nanoTime() - start) / 1_000_000);
            return Arrays.stream(out).filter(java.util.Objects::nonNull).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while compiling the rules", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("compiling the rules failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static int lineOrder(RuleInfo info) {
        return info.row() == null ? 0 : info.row();
    }

    private static RuleInfo describe(Rule rule, Compiled source, List<Problem> problems) {
        String file = source.path();
        String where = source.locations().get(rule.getName());
        Map<String, Object> meta = rule.getMetaData();
        String id = text(meta.get("id"));
        String citation = text(meta.get("citation"));
        String src = text(meta.get("source"));
        int before = problems.size();
        if (id == null) {
            problems.add(new Problem(file, where, "rule \"" + rule.getName() + "\" has no @id (its rulebook id, e.g. EN-2)"));
        } else if (!RULE_ID.matcher(id).matches()) {
            problems.add(new Problem(file, where, "rule \"" + rule.getName() + "\": @id \"" + id + "\" is not a rulebook id like EN-2"));
        } else if (!rule.getName().startsWith(id + " ")) {
            problems.add(new Problem(file, where, "rule \"" + rule.getName() + "\" must be named after its @id: \"" + id + " …\""));
        }
        if (src == null) {
            problems.add(new Problem(file, where, "rule \"" + rule.getName() + "\" has no @source (the seed file it comes from)"));
        }
        List<Citation> citations = null;
        if (citation == null) {
            problems.add(new Problem(file, where, "rule \"" + rule.getName() + "\" has no @citation"));
        } else {
            try {
                citations = Citation.parseAll(citation, src);
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(file, where, "rule \"" + rule.getName() + "\": " + e.getMessage()));
            }
        }
        Validity validity = null;
        try {
            validity = Validity.parse(text(meta.get("validFrom")), text(meta.get("validTo")));
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(file, where, "rule \"" + rule.getName() + "\": " + e.getMessage()));
        }
        Map<String, String> params = new TreeMap<>();
        meta.forEach((key, value) -> {
            String v = text(value);
            if (!STANDARD_KEYS.contains(key) && !RuleInfo.KEY.equals(key) && v != null) {
                params.put(key, v);
            }
        });
        params.forEach((key, value) -> {
            if (NUMBER_KEY.matcher(key).matches() && !value.matches("\\d+")) {
                problems.add(new Problem(file, where, "rule \"" + rule.getName() + "\": @" + key + " \"" + value
                        + "\" is not a whole number of days"));
            }
        });
        if (problems.size() > before) {
            return null;
        }
        Integer row = source.rows().get(rule.getName());
        return new RuleInfo(id, rule.getName(), file, row, citations, validity,
                row == null ? text(meta.get("note")) : source.notes().get(row), Map.copyOf(params));
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String s = value.toString().trim();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1).trim();
        }
        return s.isEmpty() ? null : s;
    }

    private static void readMessages(RuleFile f, List<Problem> problems, Map<String, Map<String, String>> messages) {
        String name = f.path().substring(f.path().lastIndexOf('/') + 1);
        String language = name.substring(0, name.length() - ".yaml".length());
        try {
            Map<String, String> texts = YAML.readValue(f.content(), new TypeReference<Map<String, String>>() { });
            messages.put(language, texts == null ? Map.of() : Map.copyOf(texts));
        } catch (RuntimeException e) {
            problems.add(new Problem(f.path(), null, "cannot read the messages: " + rootMessage(e)));
        }
    }

    /**
     * A reference data file ({@code reference/<name>.yaml}) holds a list under {@code entries:};
     * each entry needs a rulebook {@code id} and a {@code source}, and its {@code validFrom} /
     * {@code validTo} must be dates.
     */
    private static void readReference(RuleFile f, List<Problem> problems, Map<String, List<JsonNode>> reference) {
        String name = f.path().substring(f.path().lastIndexOf('/') + 1).replaceFirst("\\.yaml$", "");
        JsonNode entries;
        try {
            JsonNode doc = YAML.readTree(f.content());
            entries = doc == null ? null : doc.get("entries");
        } catch (RuntimeException e) {
            problems.add(new Problem(f.path(), null, "cannot read the reference data: " + rootMessage(e)));
            return;
        }
        if (entries == null || !entries.isArray() || entries.isEmpty()) {
            problems.add(new Problem(f.path(), null, "expected a non-empty list under 'entries:'"));
            return;
        }
        List<JsonNode> list = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode e = entries.get(i);
            String where = "entry " + (i + 1);
            if (!e.isObject() || !e.hasNonNull("id") || !RULE_ID.matcher(e.get("id").asString()).matches()) {
                problems.add(new Problem(f.path(), where, "needs an id: its rulebook id, e.g. RF-1"));
            }
            if (!e.hasNonNull("source") || e.get("source").asString().isBlank()) {
                problems.add(new Problem(f.path(), where, "needs a source (the seed file it comes from)"));
            }
            try {
                Validity.parse(field(e, "validFrom"), field(e, "validTo"));
            } catch (IllegalArgumentException ex) {
                problems.add(new Problem(f.path(), where, ex.getMessage()));
            }
            list.add(e);
        }
        reference.put(name, List.copyOf(list));
    }

    private static String field(JsonNode entry, String name) {
        return entry.hasNonNull(name) ? entry.get(name).asString() : null;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** The ruleset version of these files: see {@link RulesetVersion#of}. */
    public static String version(List<RuleFile> files) {
        return RulesetVersion.of(files);
    }
}
