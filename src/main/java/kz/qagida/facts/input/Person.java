package kz.qagida.facts.input;

import java.time.LocalDate;

/** The foreigner: citizenship as ISO 3166 alpha-2 ({@code XX} for the UN laissez-passer). */
public record Person(String citizenship, PassportType passportType, LocalDate birthDate, LocalDate passportExpiry,
        boolean ethnicKazakh) {
}
