package kz.qagida.rules;

/** Something wrong in a rules root: the file, where in it (line or cell, may be null) and what. */
public record Problem(String file, String location, String message) {

    @Override
    public String toString() {
        return file + (location == null ? "" : " (" + location + ")") + ": " + message;
    }
}
