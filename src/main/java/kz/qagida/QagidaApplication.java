package kz.qagida;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Qagida: Kazakhstan's migration law for foreigners as executable rules. */
@SpringBootApplication
public class QagidaApplication {

    public static void main(String[] args) {
        SpringApplication.run(QagidaApplication.class, args);
    }
}
