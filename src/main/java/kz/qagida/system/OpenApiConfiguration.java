package kz.qagida.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.MediaType;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The API documentation, with the contract's example request on {@code POST /api/v1/checks}. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static {
        // the audit keeps requests and answers as JSON trees; the document names their types (ApiContract)
        org.springdoc.core.utils.SpringDocUtils.getConfig().replaceWithSchema(tools.jackson.databind.JsonNode.class,
                new io.swagger.v3.oas.models.media.Schema<Object>().description("Any JSON value"));
    }

    /** Tags, summaries, error answers, typed schemas, upload body and nullability: see {@link ApiContract}. */
    @Bean
    OpenApiCustomizer apiContract() {
        return new ApiContract();
    }

    @Bean
    OpenApiCustomizer checkRequestExample() {
        Map<String, Object> example;
        try (InputStream in = new ClassPathResource("api/check-request-example.json").getInputStream()) {
            example = JsonMapper.builder().build().readValue(in, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return api -> {
            api.setInfo(new Info().title("Qagida").version("v1")
                    .description("Kazakhstan's migration law for foreigners as executable rules. Not legal advice."));
            api.setServers(List.of(new io.swagger.v3.oas.models.servers.Server().url("/").description("This service")));
            PathItem checks = api.getPaths() == null ? null : api.getPaths().get("/api/v1/checks");
            Operation post = checks == null ? null : checks.getPost();
            if (post != null && post.getRequestBody() != null && post.getRequestBody().getContent() != null) {
                MediaType json = post.getRequestBody().getContent().get("application/json");
                if (json != null) {
                    json.setExample(example);
                }
            }
        };
    }

    /** Lets the Swagger UI send an API key; every /api path needs one (see SecurityConfiguration). */
    @Bean
    OpenApiCustomizer apiKeyScheme() {
        return api -> {
            api.schemaRequirement("apiKey", new io.swagger.v3.oas.models.security.SecurityScheme()
                    .type(io.swagger.v3.oas.models.security.SecurityScheme.Type.APIKEY)
                    .in(io.swagger.v3.oas.models.security.SecurityScheme.In.HEADER).name(SecurityConfiguration.HEADER)
                    .description("name:secret:roles keys from QAGIDA_API_KEYS; send the secret. Roles: checker (checks), "
                            + "analyst (POST /api/v1/ruleset/**), auditor (evaluations, audit, rule firings)."));
            api.addSecurityItem(new io.swagger.v3.oas.models.security.SecurityRequirement().addList("apiKey"));
        };
    }
}
