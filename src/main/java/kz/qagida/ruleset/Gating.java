package kz.qagida.ruleset;

import java.util.List;

import kz.qagida.rules.RuleFile;

/**
 * Runs the activation gate over a candidate's files and scenarios: the confined gate in
 * production, the in-process {@link Gate} in tests and the command line.
 */
@FunctionalInterface
public interface Gating {

    /** The report, and when it passed the rule base built from those same files. */
    Gate.Outcome check(List<RuleFile> files, List<Scenario> scenarios);
}
