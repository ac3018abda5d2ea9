package kz.qagida.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionTableWriterTests {

    @Test
    void consecutiveConditionsOnOneObjectTypeBecomeOnePattern(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.drl.xlsx");
        new DecisionTableWriter("kz.qagida.rules.test", "kz.qagida.facts.input.*", "Test")
                .column("NAME", null, null, "Rule")
                .column("CONDITION", "$h : Host", "kind == Host.Kind.$param", "Kind")
                .column("CONDITION", null, "size == Host.Size.$param", "Size")
                .column("ACTION", null, "System.out.println(\"$param\");", "Act")
                .row("note", "HO-3 Small", "LEGAL_ENTITY", "SMALL", "x")
                .write(file);
        String drl;
        try (InputStream in = Files.newInputStream(file)) {
            drl = new SpreadsheetCompiler().compile(in, InputType.XLS);
        }
        assertThat(drl).contains("$h : Host(kind == Host.Kind.LEGAL_ENTITY, size == Host.Size.SMALL)");
    }
}
