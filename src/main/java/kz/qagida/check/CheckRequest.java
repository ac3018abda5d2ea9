package kz.qagida.check;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import kz.qagida.facts.input.History;
import kz.qagida.facts.input.Host;
import kz.qagida.facts.input.PassportType;
import kz.qagida.facts.input.Requests;
import kz.qagida.facts.input.ResidencePermit;
import kz.qagida.facts.input.Restrictions;
import kz.qagida.facts.input.StayBasis;
import kz.qagida.facts.input.Transit;
import kz.qagida.facts.input.Transport;
import kz.qagida.facts.input.Visa;
import kz.qagida.facts.input.Work;

/** The body of {@code POST /api/v1/checks} (api/CONTRACT.md). Only the citizenship is required. */
public record CheckRequest(
        LocalDate asOf,
        @NotNull @Valid PersonInput person,
        @Size(max = 1000) List<@NotNull @Valid StayInput> stays,
        Visa visa,
        ResidencePermit residencePermit,
        Host host,
        Work work,
        Transit transit,
        History history,
        Restrictions restrictions,
        Boolean forceMajeure,
        Requests requests) {

    public CheckRequest {
        stays = stays == null ? List.of() : stays;
    }

    public record PersonInput(@NotBlank @Size(max = 3) String citizenship, PassportType passportType,
            LocalDate birthDate, LocalDate passportExpiry, Boolean ethnicKazakh) {
    }

    public record StayInput(@NotNull LocalDate entry, LocalDate exit, StayBasis basis, Transport transport) {
    }
}
