package kz.qagida.ruleset;

import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import tools.jackson.databind.json.JsonMapper;

/** A ruleset store in a migrated in-memory H2 database of its own. */
public final class TestStore {

    private TestStore() {
    }

    public static RulesetStore h2() {
        DriverManagerDataSource ds = new DriverManagerDataSource("jdbc:h2:mem:ruleset-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration/h2").load().migrate();
        return new RulesetStore(new JdbcTemplate(ds), new DataSourceTransactionManager(ds), JsonMapper.builder().build());
    }
}
