package kz.qagida.ruleset;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

import org.drools.base.base.ClassObjectType;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.Pattern;
import org.drools.base.rule.RuleConditionElement;
import org.drools.base.rule.constraint.Constraint;
import org.drools.mvel.MVELConstraint;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

import kz.qagida.law.RuleInfo;
import kz.qagida.rules.RuleBase;

/**
 * A condition that compares a coded value ({@code regime}, {@code limitedBy}, {@code event},
 * {@code kind}...: an enum) with a text compiles, and never holds: {@code regime == "TABLE"} is
 * always false. Such a condition is refused, naming the rule and the constant to write instead.
 */
final class EnumTexts {

    private static final java.util.regex.Pattern TEXT_COMPARED = java.util.regex.Pattern.compile(
            "(?<![\\w.$])([A-Za-z_]\\w*(?:\\.[A-Za-z_]\\w*)*)\\s*(?:==|!=|(?:not\\s+)?in\\s*\\()\\s*\"([^\"]*)\"");

    private EnumTexts() {
    }

    static List<Finding> check(RuleBase base) {
        List<Finding> findings = new ArrayList<>();
        for (KiePackage pkg : base.kieBase().getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                if (rule instanceof RuleImpl impl) {
                    walk(base, impl, impl.getLhs(), findings);
                }
            }
        }
        return findings;
    }

    private static void walk(RuleBase base, RuleImpl rule, RuleConditionElement element, List<Finding> findings) {
        if (element instanceof Pattern pattern && pattern.getObjectType() instanceof ClassObjectType type) {
            for (Constraint c : pattern.getConstraints()) {
                if (c instanceof MVELConstraint mvel) {
                    check(base, rule, type.getClassType(), mvel.getExpression(), findings);
                }
            }
        }
        for (RuleConditionElement nested : element.getNestedElements()) {
            walk(base, rule, nested, findings);
        }
    }

    /** Each {@code path == "text"}, {@code path != "text"} or {@code path in ("text", ...)} whose path is an enum. */
    private static void check(RuleBase base, RuleImpl rule, Class<?> factType, String expression, List<Finding> findings) {
        Matcher m = TEXT_COMPARED.matcher(expression);
        while (m.find()) {
            Class<?> type = typeOf(factType, m.group(1));
            if (type != null && type.isEnum()) {
                String constant = (type.getEnclosingClass() == null ? "" : type.getEnclosingClass().getSimpleName() + ".")
                        + type.getSimpleName() + "." + m.group(2);
                RuleInfo info = base.catalog().stream().filter(i -> i.name().equals(rule.getName())).findFirst().orElse(null);
                String where = info != null && info.row() != null ? "row " + info.row() : "rule " + rule.getName();
                findings.add(Finding.error(info == null ? rule.getPackageName() : info.file(), where, "'" + expression
                        + "' compares a " + type.getSimpleName() + " with a text, which never equals it: write " + constant));
            }
        }
    }

    /** The type a property path ({@code source.regime}) reads on a fact type, or null when it is not a plain path. */
    private static Class<?> typeOf(Class<?> type, String path) {
        Class<?> t = type;
        for (String name : path.split("\\.")) {
            Method accessor = accessor(t, name);
            if (accessor == null) {
                return null;
            }
            t = accessor.getReturnType();
        }
        return t;
    }

    private static Method accessor(Class<?> type, String name) {
        for (String candidate : List.of(name, "get" + Character.toUpperCase(name.charAt(0)) + name.substring(1))) {
            try {
                return type.getMethod(candidate);
            } catch (NoSuchMethodException e) {
                // try the next spelling
            }
        }
        return null;
    }
}
