package kz.qagida.system;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import kz.qagida.rules.ActiveRuleBase;
import kz.qagida.rules.RuleBaseLoader;
import kz.qagida.rules.RuleFile;
import kz.qagida.rules.RuleSource;

@Configuration(proxyBeanMethods = false)
class RulesConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RulesConfiguration.class);

    /** "Today" for a check without {@code asOf} is a date in Kazakhstan. */
    @Bean
    Clock clock() {
        return Clock.system(ZoneId.of("Asia/Almaty"));
    }

    /**
     * Loads the rules root ({@code qagida.rules.root}, default the working directory); without
     * rule folders there, the copies packaged in the jar. A rules root that does not load stops
     * start-up with every problem named.
     */
    @Bean
    ActiveRuleBase activeRuleBase(@Value("${qagida.rules.root:}") String root) {
        Path dir = Path.of(root.isBlank() ? System.getProperty("user.dir") : root).toAbsolutePath().normalize();
        List<RuleFile> files;
        if (RuleSource.isRulesRoot(dir)) {
            log.info("Reading rules from {}", dir);
            files = RuleSource.fromDirectory(dir);
        } else {
            log.info("No rule folders under {}: using the rules packaged in the application", dir);
            files = RuleSource.fromClasspath();
        }
        return new ActiveRuleBase(RuleBaseLoader.load(files));
    }
}
