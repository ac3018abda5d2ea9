package kz.qagida.facts.input;

import java.time.LocalDate;
import java.util.List;

/**
 * Questions beyond the present situation. {@code migrationCardLostOn}: the day the foreigner lost
 * (or spoiled) the migration card (ST-8).
 */
public record Requests(String visaCategoryChangeTo, List<String> stateServices, PlannedEntry plannedEntry,
        String documentFor, LocalDate migrationCardLostOn) {

    public record PlannedEntry(LocalDate date, Integer days, Transport transport) {
    }
}
