package kz.qagida.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import kz.qagida.QagidaApplication;
import kz.qagida.rules.ActiveRuleBase;
import kz.qagida.rules.DecisionTableWriter;
import kz.qagida.rules.RuleLoadException;
import kz.qagida.rules.TestRules;

/** The service refuses to start on rules that do not load, naming the file; it finds its rules from anywhere. */
class StartupTests {

    @TempDir
    Path root;

    private ConfigurableApplicationContext start(String rulesRoot) {
        return new SpringApplicationBuilder(QagidaApplication.class)
                .run("--server.port=0", "--qagida.rules.root=" + rulesRoot);
    }

    private static RuleLoadException loadFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof RuleLoadException e) {
                return e;
            }
        }
        throw new AssertionError("start-up did not fail on the rules", t);
    }

    @Test
    void aBrokenDrlStopsStartUpNamingTheFileAndLine() throws IOException {
        Path drl = root.resolve("rules-drl/entry/broken.drl");
        Files.createDirectories(drl.getParent());
        Files.writeString(drl, """
                package kz.qagida.rules.broken;
                import kz.qagida.facts.input.*;
                rule "EN-1 Broken"
                    @id("EN-1") @citation("RULES_148 para. 17") @source("000_e7ecb9b3049f1eed.txt")
                when
                    Person(noSuchField == "x")
                then
                end
                """);
        assertThatThrownBy(() -> start(root.toString()).close())
                .satisfies(t -> assertThat(loadFailure(t).problems())
                        .anySatisfy(p -> assertThat(p.toString()).startsWith("rules-drl/entry/broken.drl (line ")));
    }

    @Test
    void aTableThatYieldsNoRulesStopsStartUpNamingTheFile() throws IOException {
        new DecisionTableWriter("kz.qagida.rules.empty", "kz.qagida.facts.input.*", "EN-1 Empty")
                .column("NAME", null, null, "Name")
                .column("CONDITION", "Person", "citizenship == \"$param\"", "Citizenship")
                .column("ACTION", null, "System.out.println(\"$param\");", "Say")
                .write(root.resolve("decision-tables/entry/empty.drl.xlsx"));
        assertThatThrownBy(() -> start(root.toString()).close())
                .satisfies(t -> assertThat(loadFailure(t).problems())
                        .anySatisfy(p -> assertThat(p.toString()).startsWith("decision-tables/entry/empty.drl.xlsx")));
    }

    @Test
    void withoutRuleFoldersTheRulesPackagedInTheApplicationServe() {
        try (ConfigurableApplicationContext context = start(root.toString())) {
            assertThat(context.getBean(ActiveRuleBase.class).get().version()).isEqualTo(TestRules.ruleBase().version());
        }
    }
}
