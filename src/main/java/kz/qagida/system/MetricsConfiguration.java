package kz.qagida.system;

import io.micrometer.core.instrument.config.MeterFilter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Metrics say nothing about the machine's file system: no {@code path} tag (the disk meters name the working directory). */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    @Bean
    MeterFilter noFileSystemPaths() {
        return MeterFilter.ignoreTags("path");
    }
}
