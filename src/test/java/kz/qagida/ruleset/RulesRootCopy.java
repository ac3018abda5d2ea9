package kz.qagida.ruleset;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

import kz.qagida.rules.TestRules;

/** A writable copy of the project's rules root, and the edits an analyst would make to it. */
public final class RulesRootCopy {

    public static final List<String> FOLDERS = Stream.concat(
            kz.qagida.rules.RuleSource.FOLDERS.stream(), Stream.of(kz.qagida.ruleset.ScenarioRunner.FOLDER)).toList();

    private RulesRootCopy() {
    }

    public static void copy(Path to) {
        for (String folder : FOLDERS) {
            Path from = TestRules.ROOT.resolve(folder);
            try (Stream<Path> walk = Files.walk(from)) {
                for (Path p : walk.toList()) {
                    Path target = to.resolve(TestRules.ROOT.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Sets the cell in the row named {@code ruleName} whose current text is {@code from}. */
    public static void editCell(Path table, String ruleName, String from, String to) throws IOException {
        DataFormatter fmt = new DataFormatter();
        Workbook book;
        try (var in = new ByteArrayInputStream(Files.readAllBytes(table))) {
            book = WorkbookFactory.create(in);
        }
        boolean done = false;
        for (Row row : book.getSheetAt(0)) {
            boolean named = false;
            for (Cell c : row) {
                named |= fmt.formatCellValue(c).equals(ruleName);
            }
            if (named) {
                for (Cell c : row) {
                    if (fmt.formatCellValue(c).equals(from) && !done) {
                        c.setCellValue(to);
                        done = true;
                    }
                }
            }
        }
        if (!done) {
            throw new IllegalArgumentException("no cell '" + from + "' in row " + ruleName);
        }
        Path tmp = table.resolveSibling(".edit.tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            book.write(out);
        }
        book.close();
        Files.move(tmp, table, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public static void replaceInFile(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        if (!text.contains(from)) {
            throw new IllegalArgumentException(file + " has no '" + from + "'");
        }
        Files.writeString(file, text.replace(from, to));
    }

    public static byte[] zip(Path root) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                zip.putNextEntry(new ZipEntry(root.relativize(p).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(p));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    public static Path fresh() {
        try {
            Path dir = Files.createTempDirectory("qagida-rules");
            copy(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts the project's files back, leaving no file the project does not have. */
    public static void restore(Path root) throws IOException {
        for (String folder : FOLDERS) {
            Path dir = root.resolve(folder);
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> p.toFile().delete());
            }
            try (Stream<Path> walk = Files.walk(TestRules.ROOT.resolve(folder))) {
                for (Path p : walk.toList()) {
                    Path target = root.resolve(TestRules.ROOT.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }
}
