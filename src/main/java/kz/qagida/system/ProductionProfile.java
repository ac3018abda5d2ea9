package kz.qagida.system;

import java.util.Locale;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Under the profile {@code prod}, refuses to start, before anything is created, on what would lose or
 * expose the audit: an H2 database (a file inside one container, lost at each rollout and not shared by
 * the replicas), a placeholder database password or no configured API key (each pod would generate a key of its own). Registered in
 * {@code META-INF/spring.factories}, so it runs once the configuration files are read.
 */
public class ProductionProfile implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    public static final String NAME = "prod";

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        check(event.getEnvironment());
    }

    static void check(ConfigurableEnvironment environment) {
        if (!environment.acceptsProfiles(Profiles.of(NAME))) {
            return;
        }
        String url = environment.getProperty("spring.datasource.url", "");
        if (!url.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:")) {
            throw new StartRefusedException("The profile '" + NAME + "' needs PostgreSQL for the audit trail and the "
                    + "ruleset store, but spring.datasource.url is '" + (url.startsWith("jdbc:h2:") ? url : redact(url))
                    + "'. H2 keeps them in a file of this process, lost when the container is replaced and not "
                    + "shared with the other instances.",
                    "Set SPRING_DATASOURCE_URL (jdbc:postgresql://host:5432/db?reWriteBatchedInserts=true), "
                            + "SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD, or start without the profile '"
                            + NAME + "' for a single developer instance.");
        }
        if (ApiKeys.PLACEHOLDER.matcher(environment.getProperty("spring.datasource.password", "")).find()) {
            throw new StartRefusedException("The database password (spring.datasource.password) is still a placeholder.",
                    "Put the real password in SPRING_DATASOURCE_PASSWORD (the Secret qagida-database) and start again.");
        }
        String inline = environment.getProperty("QAGIDA_API_KEYS", environment.getProperty("qagida.security.api-keys", ""));
        String keyFile = environment.getProperty("qagida.security.key-file", "");
        if (inline.isBlank() && keyFile.isBlank()) {
            throw new StartRefusedException("The profile '" + NAME + "' needs API keys, and none is configured "
                    + "(each instance would generate a key of its own).",
                    "Set QAGIDA_API_KEYS (name:secret:roles;...) or qagida.security.key-file, e.g. from a Secret.");
        }
    }

    /** A URL of another kind, without what may follow the host (a password in the query). */
    private static String redact(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?…";
    }
}
