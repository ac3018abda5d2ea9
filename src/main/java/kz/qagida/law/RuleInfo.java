package kz.qagida.law;

import java.util.List;
import java.util.Map;

import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.rule.RuleContext;

/**
 * What the audit trail says about one rule or table row: its rulebook id (EN-2), its stable name
 * ("EN-2 DE"), the file it lives in, the spreadsheet row for table rows, its citations and the
 * period in which it is in force, and the legal numbers a table row carries in its other metadata
 * columns (its {@code params}). The loader attaches one to every compiled rule.
 */
public record RuleInfo(String id, String name, String file, Integer row, List<Citation> citations,
        Validity validity, String note, Map<String, String> params) {

    /** The key under which the loader stores this record in the rule's metadata. */
    public static final String KEY = "qagida.info";

    public static RuleInfo of(Rule rule) {
        Object info = rule.getMetaData().get(KEY);
        if (info == null) {
            throw new IllegalStateException("rule '" + rule.getName() + "' was not loaded by the Qagida loader");
        }
        return (RuleInfo) info;
    }

    /** The record of the rule whose consequence is running: {@code RuleInfo.of(drools)} in DRL. */
    public static RuleInfo of(RuleContext drools) {
        return of(drools.getRule());
    }

    /**
     * A whole-number parameter of this rule or row (a metadata column such as
     * {@code maxDaysPerEntry}); null when the row leaves it empty.
     */
    public Integer number(String name) {
        String value = params.get(name);
        return value == null ? null : Integer.valueOf(value);
    }

    public RuleRef ref() {
        return new RuleRef(id, name, file, row);
    }
}
