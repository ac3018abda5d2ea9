package kz.qagida.ruleset;

import java.util.ArrayList;
import java.util.List;

import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.Pattern;
import org.drools.base.rule.RuleConditionElement;
import org.drools.base.rule.accessor.FieldValue;
import org.drools.base.rule.accessor.ReadAccessor;
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
        if (element instanceof Pattern pattern) {
            for (Constraint c : pattern.getConstraints()) {
                if (c instanceof MVELConstraint mvel) {
                    check(base, rule, mvel, findings);
                }
            }
        }
        for (RuleConditionElement nested : element.getNestedElements()) {
            walk(base, rule, nested, findings);
        }
    }

    private static void check(RuleBase base, RuleImpl rule, MVELConstraint c, List<Finding> findings) {
        ReadAccessor field = c.getFieldExtractor();
        FieldValue value = c.getField();
        if (field == null || value == null || !field.getExtractToClass().isEnum() || !(value.getValue() instanceof String text)) {
            return;
        }
        Class<?> type = field.getExtractToClass();
        String constant = (type.getEnclosingClass() == null ? "" : type.getEnclosingClass().getSimpleName() + ".")
                + type.getSimpleName() + "." + text;
        RuleInfo info = base.catalog().stream().filter(i -> i.name().equals(rule.getName())).findFirst().orElse(null);
        String where = info == null ? "rule " + rule.getName() : info.row() != null ? "row " + info.row() : "rule " + rule.getName();
        findings.add(Finding.error(info == null ? rule.getPackageName() : info.file(), where, "'" + c.getExpression()
                + "' compares a " + type.getSimpleName() + " with a text, which never holds: write " + constant));
    }
}
