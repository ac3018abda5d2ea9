package kz.qagida.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The lint's "no rule or fact reads this column" knows the application's names, not the tests'. */
class ReadNamesTests {

    @Test
    void aNameOnlyATestOrToolUsesIsNotRead() {
        String onlyInThisTest = "columnNamedOnlyInReadNamesTests";
        assertThat(ReadNames.ofCode()).contains("stayPerVisitDays", "windowDays").doesNotContain(onlyInThisTest);
    }
}
