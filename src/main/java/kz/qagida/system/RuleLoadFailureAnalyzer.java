package kz.qagida.system;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import kz.qagida.rules.RuleLoadException;

/** Turns a refused rules root into a start-up message that names each file and line or cell. */
class RuleLoadFailureAnalyzer extends AbstractFailureAnalyzer<RuleLoadException> {

    @Override
    protected FailureAnalysis analyze(Throwable root, RuleLoadException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Fix the files named above (or set qagida.rules.root to a rules root that loads) and start again.", cause);
    }
}
