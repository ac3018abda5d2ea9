package kz.qagida.reference;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import kz.qagida.law.Validity;

/**
 * A migration office or hotline of {@code reference/offices.yaml} (RF-1): its kind
 * (BORDER_SERVICE, MIGRATION_SERVICE, EMPLOYMENT_DEPARTMENT), name, city, address, phones, e-mail,
 * the seed it comes from and the period it is known to be valid.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Office(String id, String kind, String name, String topic, String city, String address,
        List<String> phones, String email, String source, LocalDate validFrom, LocalDate validTo) {

    public Office {
        phones = phones == null ? List.of() : List.copyOf(phones);
    }

    public boolean validOn(LocalDate day) {
        return new Validity(validFrom, validTo).contains(day);
    }
}
