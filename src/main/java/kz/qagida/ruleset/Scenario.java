package kz.qagida.ruleset;

import tools.jackson.databind.JsonNode;

/** One case of a scenario file: its sentence-like name, the request, and what must come out. */
public record Scenario(String file, String name, JsonNode request, JsonNode expect) {

    @Override
    public String toString() {
        return file + ": " + name;
    }
}
