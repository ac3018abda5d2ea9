package kz.qagida;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import kz.qagida.ruleset.Commands;

/** Qagida: Kazakhstan's migration law for foreigners as executable rules. */
@SpringBootApplication
public class QagidaApplication {

    public static void main(String[] args) {
        if (Commands.handles(args)) {
            System.exit(Commands.run(args, System.out));
        }
        // H2 (the default audit store) looks up every string it stores in a cache of equal strings,
        // hashing it whole; audit records are large and never equal, so the cache only costs time.
        if (System.getProperty("h2.objectCache") == null) {
            System.setProperty("h2.objectCache", "false");
        }
        SpringApplication.run(QagidaApplication.class, args);
    }
}
