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
        SpringApplication.run(QagidaApplication.class, args);
    }
}
