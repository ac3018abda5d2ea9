package kz.qagida.check;

import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import kz.qagida.facts.input.Host;
import kz.qagida.facts.input.PassportType;
import kz.qagida.facts.input.StayBasis;
import kz.qagida.facts.input.Transport;
import kz.qagida.facts.input.Visa;

/**
 * The body of {@code POST /api/v1/checks} (api/CONTRACT.md). Only the citizenship is required. Its
 * records are the API's, apart from the facts the rules see: {@link RequestFacts} maps one to the
 * other. The API document names each record as the JSON calls it ({@code Visa}, {@code Host}, …).
 * An absent flag reads as false and an absent list as empty, as the request is recorded.
 */
public record CheckRequest(
        LocalDate asOf,
        @NotNull @Valid PersonInput person,
        @Size(max = 1000) List<@NotNull @Valid StayInput> stays,
        VisaInput visa,
        ResidencePermitInput residencePermit,
        HostInput host,
        WorkInput work,
        TransitInput transit,
        HistoryInput history,
        RestrictionsInput restrictions,
        Boolean forceMajeure,
        RequestsInput requests) {

    public CheckRequest {
        stays = stays == null ? List.of() : stays;
    }

    public record PersonInput(@NotBlank @Size(max = 3) String citizenship, PassportType passportType,
            LocalDate birthDate, LocalDate passportExpiry, Boolean ethnicKazakh) {
    }

    public record StayInput(@NotNull LocalDate entry, LocalDate exit, StayBasis basis, Transport transport) {
    }

    /** A Kazakh visa the person holds. */
    @Schema(name = "Visa")
    public record VisaInput(String category, Visa.VisaEntries entries, LocalDate issued, LocalDate validUntil,
            Boolean electronic) {

        public VisaInput {
            electronic = Boolean.TRUE.equals(electronic);
        }
    }

    /** A temporary residence permit (TRP, РВП, УТР). */
    @Schema(name = "ResidencePermit")
    public record ResidencePermitInput(LocalDate issued, LocalDate validUntil, String purpose) {
    }

    /**
     * The receiving person. {@code residenceChangedOn}: the day the foreigner moved to a new
     * temporary residence; {@code residenceChangeNotifiedOn}: the day the host notified it.
     */
    @Schema(name = "Host")
    public record HostInput(Host.Kind kind, Host.Size size, LocalDate notifiedOn, Integer penaltiesLast12Months,
            LocalDate lastPenaltyOn, LocalDate residenceChangedOn, LocalDate residenceChangeNotifiedOn) {

        public HostInput {
            penaltiesLast12Months = penaltiesLast12Months == null ? 0 : penaltiesLast12Months;
        }
    }

    /** Whether the person works, and with a permit. */
    @Schema(name = "Work")
    public record WorkInput(Boolean employed, Boolean workPermit) {

        public WorkInput {
            employed = Boolean.TRUE.equals(employed);
            workPermit = Boolean.TRUE.equals(workPermit);
        }
    }

    /** A transit through Kazakhstan: whether the person holds documents for the onward country. */
    @Schema(name = "Transit")
    public record TransitInput(Boolean onwardDocument) {

        public TransitInput {
            onwardDocument = Boolean.TRUE.equals(onwardDocument);
        }
    }

    /**
     * What happened before. {@code offences}: KoAP article numbers charged; {@code expulsionGrounds}:
     * the grounds of art. 28 of the Law on the Legal Status of Foreigners alleged
     * (STATE_SECURITY_OR_PUBLIC_ORDER, HEALTH_MORALITY_OR_RIGHTS, BREACH_OF_LAW, SHAM_MARRIAGE).
     */
    @Schema(name = "History")
    public record HistoryInput(LocalDate expulsionDecisionOn, LocalDate lastOverstayPenaltyOn, Boolean unservedPenalty,
            Boolean unfiledTaxDeclaration, List<String> offences, List<String> expulsionGrounds,
            LocalDate expulsionLeaveBy, LocalDate preventiveRestrictionFrom) {

        public HistoryInput {
            expulsionGrounds = expulsionGrounds == null ? List.of() : List.copyOf(expulsionGrounds);
            unservedPenalty = Boolean.TRUE.equals(unservedPenalty);
            unfiledTaxDeclaration = Boolean.TRUE.equals(unfiledTaxDeclaration);
            offences = offences == null ? List.of() : List.copyOf(offences);
        }
    }

    /** The exit-ban grounds that hold for the person. */
    @Schema(name = "Restrictions")
    public record RestrictionsInput(Boolean criminalProceedings, Boolean sentenceOrProbation,
            Boolean evadingCourtObligations, Boolean propertyObligations) {

        public RestrictionsInput {
            criminalProceedings = Boolean.TRUE.equals(criminalProceedings);
            sentenceOrProbation = Boolean.TRUE.equals(sentenceOrProbation);
            evadingCourtObligations = Boolean.TRUE.equals(evadingCourtObligations);
            propertyObligations = Boolean.TRUE.equals(propertyObligations);
        }
    }

    /**
     * Questions beyond the present situation. {@code migrationCardLostOn}: the day the foreigner lost
     * (or spoiled) the migration card.
     */
    @Schema(name = "Requests")
    public record RequestsInput(String visaCategoryChangeTo, List<String> stateServices, PlannedEntryInput plannedEntry,
            String documentFor, LocalDate migrationCardLostOn) {

        public RequestsInput {
            stateServices = stateServices == null ? List.of() : List.copyOf(stateServices);
        }
    }

    /** An entry the person plans: the day, the days to stay, how. */
    @Schema(name = "PlannedEntry")
    public record PlannedEntryInput(LocalDate date, Integer days, Transport transport) {
    }
}
