package kz.qagida.ruleset;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One lint or gate finding: an ERROR stops activation, a WARNING does not. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(Level level, String file, String location, String message) {

    public enum Level {
        ERROR, WARNING
    }

    static Finding error(String file, String location, String message) {
        return new Finding(Level.ERROR, file, location, message);
    }

    static Finding warning(String file, String location, String message) {
        return new Finding(Level.WARNING, file, location, message);
    }

    @Override
    public String toString() {
        return level + " " + file + (location == null ? "" : " (" + location + ")") + ": " + message;
    }
}
