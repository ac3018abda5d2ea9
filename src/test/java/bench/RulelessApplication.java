package bench;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The baseline of {@code bench/startup.sh}: an application of Qagida's shape without rules (Web
 * MVC, validation, actuator, security, JDBC, Flyway on the same migrations, H2), answering
 * {@code POST /api/v1/checks} with a validated body and one query. Outside {@code kz.qagida} so
 * that Qagida's component scan never finds it in tests.
 */
@SpringBootApplication
public class RulelessApplication {

    public static void main(String[] args) {
        SpringApplication.run(RulelessApplication.class, args);
    }

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        return http.csrf(c -> c.disable()).authorizeHttpRequests(a -> a.anyRequest().permitAll()).build();
    }

    record Stay(@NotNull LocalDate entry, LocalDate exit, @NotNull String basis) {
    }

    record Check(LocalDate asOf, @NotNull Map<String, Object> person, @NotNull List<@Valid Stay> stays) {
    }

    @RestController
    static class Checks {

        private final JdbcTemplate jdbc;

        Checks(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @PostMapping("/api/v1/checks")
        Map<String, Object> check(@RequestHeader("X-API-Key") String key, @Valid @RequestBody Check check) {
            Integer migrations = jdbc.queryForObject("select count(*) from \"flyway_schema_history\"", Integer.class);
            return Map.of("asOf", String.valueOf(check.asOf()), "stays", check.stays().size(), "migrations", migrations);
        }
    }
}
