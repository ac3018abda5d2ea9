package kz.qagida.audit;

import java.util.List;

import kz.qagida.rules.RuleBase;

/**
 * A record waiting to be appended: its content and content hash (computed on the request's thread,
 * not the writer's), the index rows derived from it, and the rule base that served it.
 */
record NewRecord(RecordContent content, String contentHash, List<FiredRuleEntry> fired, List<String> conclusionCodes,
        RuleBase ruleBase) {
}
