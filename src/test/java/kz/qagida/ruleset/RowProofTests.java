package kz.qagida.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import kz.qagida.rules.TestRules;

/** Every row of every decision table is proven by a derived request, or listed with the reason it cannot be. */
class RowProofTests {

    @Test
    void everyTableRowIsProvenOrListedWithItsReason() throws Exception {
        Clock clock = Clock.fixed(LocalDate.of(2024, 6, 14).atStartOfDay(ZoneId.of("Asia/Almaty")).toInstant(),
                ZoneId.of("Asia/Almaty"));
        RowProof.Result result = RowProof.prove(TestRules.ruleBase(), TestRules.json(), clock);
        java.nio.file.Files.writeString(java.nio.file.Path.of("target/row-proof.txt"),
                "proven " + result.proven().size() + ", listed " + result.listed().size() + ", failed "
                        + result.failures().size() + "\n" + String.join("\n", result.failures()) + "\nLISTED\n"
                        + String.join("\n", result.listed().keySet()));
        assertThat(result.failures()).as("rows neither proven nor listed").isEmpty();
        long tableRows = TestRules.ruleBase().catalog().stream().filter(r -> r.row() != null).count();
        assertThat(result.rows()).isEqualTo(tableRows);
        assertThat(result.proven()).hasSizeGreaterThan((int) (tableRows * 9 / 10));
    }
}
