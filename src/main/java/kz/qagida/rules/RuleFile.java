package kz.qagida.rules;

import java.nio.charset.StandardCharsets;

/** One file of a rules root, by its path relative to the root (always with forward slashes). */
public record RuleFile(String path, byte[] content) {

    public boolean isDrl() {
        return path.endsWith(".drl");
    }

    public boolean isTable() {
        return path.endsWith(".drl.xlsx");
    }

    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }
}
