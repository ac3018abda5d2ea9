package kz.qagida.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;

/** Uploaded zips are hostile until proven otherwise: each refusal is a 4xx naming the entry. */
class UploadsTests {

    private static final Uploads.Limits SMALL = new Uploads.Limits(5, 1_000_000, 100);

    /** A zip of (name, content) pairs; a content starting with "->" makes a symbolic link to the rest. */
    private static byte[] zip(String... namesAndContents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                ZipArchiveEntry e = new ZipArchiveEntry(namesAndContents[i]);
                String content = namesAndContents[i + 1];
                if (content.startsWith("->")) {
                    e.setUnixMode(0120777);
                    content = content.substring(2);
                }
                zip.putArchiveEntry(e);
                zip.write(content.getBytes(StandardCharsets.UTF_8));
                zip.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static void refused(byte[] zip, Uploads.Limits limits, int status, String entry, String message) {
        assertThatThrownBy(() -> Uploads.unzip(zip, limits)).isInstanceOfSatisfying(Uploads.Refused.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.entry()).isEqualTo(entry);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void aRulesRootIsReadBackByPathSkippingFilesOutsideItsFolders() throws IOException {
        Map<String, byte[]> files = Uploads.unzip(zip("rules-drl/a.drl", "rule", "./messages/en.yaml", "x: y",
                "__MACOSX/._a.drl", "junk"), SMALL);
        assertThat(files).containsOnlyKeys("rules-drl/a.drl", "messages/en.yaml");
    }

    @Test
    void anAbsolutePathIsRefusedNamingTheEntry() throws IOException {
        refused(zip("/etc/rules-drl/a.drl", "x"), SMALL, 400, "/etc/rules-drl/a.drl", "absolute path");
        refused(zip("C:/rules-drl/a.drl", "x"), SMALL, 400, "C:/rules-drl/a.drl", "absolute path");
    }

    @Test
    void aPathClimbingOutOfTheRootIsRefused() throws IOException {
        refused(zip("rules-drl/../../evil.drl", "x"), SMALL, 400, "rules-drl/../../evil.drl", "climbs out");
    }

    @Test
    void aSymbolicLinkIsRefused() throws IOException {
        refused(zip("rules-drl/link.drl", "->/etc/passwd"), SMALL, 400, "rules-drl/link.drl", "is a link");
    }

    @Test
    void tooManyEntriesAreRefused() throws IOException {
        refused(zip("rules-drl/1.drl", "a", "rules-drl/2.drl", "a", "rules-drl/3.drl", "a", "rules-drl/4.drl", "a",
                "rules-drl/5.drl", "a", "rules-drl/6.drl", "a"), SMALL, 413, "(zip)", "6 entries, more than 5");
    }

    @Test
    void aZipBombIsRefusedAtTheEntryThatCrossesTheRatio() throws IOException {
        byte[] bomb = zip("rules-drl/ok.drl", "rule", "decision-tables/bomb.drl.xlsx", "0".repeat(2_000_000));
        assertThat(bomb.length).isLessThan(20_000);
        refused(bomb, SMALL, 413, "decision-tables/bomb.drl.xlsx", "times the zip's size");
    }

    @Test
    void anEntryTwiceAndAnEmptyOrBrokenZipAreRefused() throws IOException {
        refused(zip("rules-drl/a.drl", "x", "rules-drl/./a.drl", "y"), SMALL, 400, "rules-drl/./a.drl", "appears twice");
        refused(zip(), SMALL, 400, "(zip)", "no entries");
        refused("PK not really".getBytes(StandardCharsets.UTF_8), SMALL, 400, "(zip)", "not a readable zip");
        refused(zip("other/a.drl", "x"), SMALL, 400, "(zip)", "no files under");
    }
}
