package kz.qagida.facts.stay;

import java.util.Arrays;
import java.util.List;

import kz.qagida.law.RuleInfo;

/**
 * A ground of exemption from the registration duty in force (ST-3, ST-5): {@code reason} VISA,
 * VISA_CATEGORY (the {@code visaCategories} listed), DIPLOMATIC_OR_SERVICE_PASSPORT or UNDER_16
 * (with {@code ageLimit}).
 */
public record ExemptionRow(RuleInfo row) {

    public String reason() {
        return row.params().get("reason");
    }

    public Integer ageLimit() {
        return row.number("ageLimit");
    }

    public List<String> visaCategories() {
        String list = row.params().get("visaCategories");
        return list == null ? List.of() : Arrays.stream(list.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
    }
}
