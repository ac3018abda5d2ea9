package kz.qagida.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import kz.qagida.rules.RuleBase;
import kz.qagida.rules.RuleBaseLoader;
import kz.qagida.rules.RuleFile;
import kz.qagida.rules.TestRules;

/** A coded value compared with a text compiles and never holds: the lint refuses it. */
class EnumTextsTests {

    private static final String HEADER = """
            package kz.qagida.rules.test;
            import kz.qagida.facts.entry.*;
            import kz.qagida.facts.input.*;
            import kz.qagida.law.*;
            """;

    private static RuleBase load(String pattern) {
        String drl = HEADER + """
                rule "VS-1 Multiple"
                    @id("VS-1")
                    @citation("RULES_VISA")
                    @source("002_d0b006081fdc65c8.txt")
                when
                    %s
                then
                    insert(Conclusion.of(drools, "MULTIPLE", Severity.INFO, Subject.FOREIGNER));
                end
                """.formatted(pattern);
        return RuleBaseLoader.load(List.of(new RuleFile("rules-drl/visa/multiple.drl", drl.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void aCodedValueComparedWithATextIsRefusedNamingTheConstant() {
        assertThat(EnumTexts.check(load("Visa(entries == \"MULTIPLE\")"))).extracting(Finding::toString).containsExactly(
                "ERROR rules-drl/visa/multiple.drl (rule VS-1 Multiple): 'entries == \"MULTIPLE\"' compares a VisaEntries "
                        + "with a text, which never equals it: write Visa.VisaEntries.MULTIPLE");
    }

    @Test
    void aListOfTextsAndADottedPathAreRefusedToo() {
        assertThat(EnumTexts.check(load("Visa(entries in (\"SINGLE\", \"MULTIPLE\"))"))).extracting(Finding::toString)
                .anySatisfy(f -> assertThat(f).endsWith("write Visa.VisaEntries.SINGLE"));
        assertThat(EnumTexts.check(load("VisaRegime(source.regime == \"UNILATERAL\")"))).extracting(Finding::toString)
                .anySatisfy(f -> assertThat(f).endsWith("compares a RegimeSource with a text, which never equals it: write RegimeSource.UNILATERAL"));
    }

    @Test
    void aCodedValueComparedWithItsConstantIsFine() {
        assertThat(EnumTexts.check(load("Visa(entries == Visa.VisaEntries.MULTIPLE)"))).isEmpty();
    }

    @Test
    void theProjectRulesCompareNoCodedValueWithAText() {
        assertThat(EnumTexts.check(TestRules.ruleBase())).isEmpty();
    }
}
