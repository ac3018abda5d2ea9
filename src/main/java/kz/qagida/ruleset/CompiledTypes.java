package kz.qagida.ruleset;

import java.io.DataInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.core.rule.JavaDialectRuntimeData;
import org.kie.api.definition.KiePackage;

import kz.qagida.law.RuleInfo;
import kz.qagida.rules.RuleBase;
import kz.qagida.rules.RuleFile;

/**
 * The second net under {@link Vocabulary}: the types the compiled rules actually refer to, read from
 * the constant pool of every class the engine generated for consequences, functions and evals. A
 * reference outside the vocabulary (however the source spelt it) is refused, naming the rule.
 * Conditions the engine interprets (MVEL constraints) have no class of their own: the text lint covers them.
 */
public final class CompiledTypes {

    /** The engine's own glue, which the generated classes call (the lint keeps rules from naming it). */
    private static final List<String> ENGINE = List.of("org/drools/", "org/kie/", "org/mvel2/");
    /** What javac emits for string concatenation, lambdas and records; rules cannot call these by name. */
    private static final Set<String> BOOTSTRAP = Set.of("java/lang/invoke/LambdaMetafactory",
            "java/lang/invoke/StringConcatFactory", "java/lang/invoke/MethodHandles$Lookup", "java/lang/invoke/MethodHandle",
            "java/lang/invoke/MethodType", "java/lang/invoke/CallSite", "java/lang/runtime/ObjectMethods",
            "java/lang/Throwable", "java/lang/Error", "java/io/Externalizable", "java/io/ObjectInput",
            "java/io/ObjectOutput", "java/io/IOException", "java/lang/ClassNotFoundException", "java/lang/invoke/MethodHandles");

    private CompiledTypes() {
    }

    public static List<Finding> check(RuleBase base) {
        List<Finding> findings = new ArrayList<>();
        for (KiePackage pkg : base.kieBase().getKiePackages()) {
            if (!(pkg instanceof InternalKnowledgePackage internal)
                    || !(internal.getDialectRuntimeRegistry().getDialectData("java") instanceof JavaDialectRuntimeData java)) {
                continue;
            }
            for (Map.Entry<String, byte[]> e : java.getStore().entrySet()) {
                Set<String> outside = new TreeSet<>();
                for (String type : referencedTypes(e.getValue())) {
                    if (!allowed(type, pkg.getName())) {
                        outside.add(type.replace('/', '.'));
                    }
                }
                if (!outside.isEmpty()) {
                    findings.add(owner(base, pkg.getName(), e.getKey(), "the compiled rules refer to "
                            + String.join(", ", outside) + ": outside the rules' vocabulary"));
                }
            }
        }
        return findings;
    }

    static boolean allowed(String type, String rulePackage) {
        if (ENGINE.stream().anyMatch(type::startsWith) || BOOTSTRAP.contains(type)
                || type.startsWith(rulePackage.replace('.', '/') + "/")) {
            return true;
        }
        String name = type.replace('/', '.').replace('$', '.');
        return Vocabulary.allowedType(name) || Vocabulary.allowedQualified(name);
    }

    /**
     * Names the rule ({@code Rule_<escaped name>…}) or function ({@code <Name>}) a generated class
     * belongs to, by file and row or line; else the package.
     */
    private static Finding owner(RuleBase base, String pkg, String className, String message) {
        String simple = className.substring(className.lastIndexOf('/') + 1).replaceFirst("\\.class$", "");
        for (RuleInfo info : base.catalog()) {
            if (simple.startsWith("Rule_" + escape(info.name()))) {
                return Finding.error(info.file(), info.row() != null ? "row " + info.row() : "rule " + info.name(), message);
            }
        }
        Pattern function = Pattern.compile("^[ \\t]*function\\s+[^(]*?\\b" + Pattern.quote(simple.substring(0, 1).toLowerCase()
                + simple.substring(1)) + "\\s*\\(", Pattern.MULTILINE);
        for (RuleFile f : base.files()) {
            Matcher m = function.matcher(f.isDrl() ? f.text() : "");
            if (m.find()) {
                return Finding.error(f.path(), "line " + (f.text().substring(0, m.start()).split("\n", -1).length), message);
            }
        }
        return Finding.error("(package " + pkg + ")", null, message);
    }

    /** How the engine turns a rule name into part of a class name: {@code XX-1 Bad} is {@code XX$u45$1_Bad}. */
    private static String escape(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (Character.isLetterOrDigit(c) || c == '_') {
                out.append(c);
            } else if (c == ' ') {
                out.append('_');
            } else {
                out.append("$u").append((int) c).append('$');
            }
        }
        return out.toString();
    }

    /** The classes named in a class file's constant pool (element types for arrays). */
    static Set<String> referencedTypes(byte[] classFile) {
        Set<String> types = new TreeSet<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
            in.readInt();
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            int[] classes = new int[count];
            int nClasses = 0;
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 7 -> classes[nClasses++] = in.readUnsignedShort();
                    case 8, 16, 19, 20 -> in.readUnsignedShort();
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
                    case 5, 6 -> {
                        in.readLong();
                        i++;
                    }
                    case 15 -> {
                        in.readUnsignedByte();
                        in.readUnsignedShort();
                    }
                    default -> throw new IOException("unknown constant pool tag " + tag);
                }
            }
            for (int c = 0; c < nClasses; c++) {
                String name = utf8[classes[c]];
                if (name != null) {
                    name = name.replaceFirst("^\\[+", "");
                    if (name.startsWith("L") && name.endsWith(";")) {
                        name = name.substring(1, name.length() - 1);
                    }
                    if (name.length() > 1) {
                        types.add(name);
                    }
                }
            }
        } catch (IOException e) {
            types.add("(unreadable class file: " + e.getMessage() + ")");
        }
        return types;
    }
}
