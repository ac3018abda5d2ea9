package kz.qagida.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import kz.qagida.law.RuleInfo;
import kz.qagida.rules.TestRules;

/** Runs every case under scenarios/ through the real rule base. */
class ScenarioTests {

    private static final List<Scenario> SCENARIOS = ScenarioRunner.read(TestRules.ROOT);

    @TestFactory
    Stream<DynamicTest> scenarios() {
        ScenarioRunner runner = new ScenarioRunner(TestRules.checkService(), TestRules.json());
        return SCENARIOS.stream().map(s -> DynamicTest.dynamicTest(s.toString(), () -> {
            List<String> failures = runner.run(s);
            assertThat(failures).as(s.toString()).isEmpty();
        }));
    }

    @Test
    void everyRulebookIdInTheRulesIsPinnedByAScenario() {
        Set<String> ids = new TreeSet<>();
        TestRules.ruleBase().catalog().stream().map(RuleInfo::id).forEach(ids::add);
        ids.removeAll(ScenarioRunner.pinnedRuleIds(SCENARIOS));
        assertThat(ids).as("rulebook ids with no scenario that expects a conclusion from them").isEmpty();
    }

    @Test
    void scenarioNamesAreUnique() {
        Set<String> names = new TreeSet<>();
        for (Scenario s : SCENARIOS) {
            assertThat(names.add(s.name())).as("duplicate scenario name: " + s).isTrue();
        }
    }
}
