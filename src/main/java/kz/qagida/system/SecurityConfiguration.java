package kz.qagida.system;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.databind.json.JsonMapper;

import kz.qagida.check.Problems;

/**
 * Who may call what, in one place, by path. Callers send an API key in {@code X-API-Key}; its roles
 * ({@code checker}, {@code analyst}, {@code auditor}) open the paths below. Only health, info and the
 * API documentation are open without a key, and on a management port of its own the Prometheus metrics too. Refusals are problem details: 401 without a known key,
 * 403 when the key lacks the role.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String HEADER = "X-API-Key";
    private static final String KEY_REJECTED = SecurityConfiguration.class.getName() + ".rejected";

    @Bean
    ApiKeys apiKeys(@Value("${QAGIDA_API_KEYS:${qagida.security.api-keys:}}") String inline,
            @Value("${qagida.security.key-file:}") String keyFile,
            @Value("${qagida.security.generated-key-file:./data/generated-api-key}") String generatedFile)
            throws IOException {
        return ApiKeys.load(inline, keyFile, Path.of(generatedFile));
    }

    /**
     * The management port ({@code management.server.port}, when it differs from the server's): health,
     * info and the Prometheus metrics without a key, for probes and the scraper (a NetworkPolicy keeps
     * everyone else off the port); anything else there is refused.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain managementPortSecurity(HttpSecurity http, ApiKeys keys, JsonMapper json, Environment environment)
            throws Exception {
        common(http.securityMatcher(request -> onManagementPort(environment, request)), keys, json)
                .authorizeHttpRequests(a -> a
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus")
                        .permitAll()
                        .anyRequest().denyAll());
        return http.build();
    }

    /** Whether the request came in on a management port of its own (Boot publishes the port once it listens). */
    private static boolean onManagementPort(Environment environment, HttpServletRequest request) {
        Integer management = environment.getProperty("local.management.port", Integer.class);
        return management != null && management > 0
                && !management.equals(environment.getProperty("local.server.port", Integer.class))
                && request.getLocalPort() == management;
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiKeys keys, JsonMapper json) throws Exception {
        common(http, keys, json)
                .authorizeHttpRequests(a -> a
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui/**", "/swagger-ui.html", "/error")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/checks", "/api/v1/checks/batch", "/api/v1/bench/noop")
                        .hasRole("checker")
                        .requestMatchers(HttpMethod.POST, "/api/v1/ruleset/**").hasRole("analyst")
                        .requestMatchers("/api/v1/evaluations", "/api/v1/evaluations/**", "/api/v1/audit/**",
                                "/api/v1/rules/*/firings")
                        .hasRole("auditor")
                        // who changed the rules and the gate's full reports: for analysts and auditors only
                        .requestMatchers(HttpMethod.GET, "/api/v1/ruleset/history").hasAnyRole("analyst", "auditor")
                        .requestMatchers(HttpMethod.GET, "/api/v1/ruleset", "/api/v1/rules",
                                "/api/v1/rules/**", "/api/v1/reference/**", "/actuator/prometheus")
                        .authenticated()
                        .anyRequest().authenticated());
        return http.build();
    }

    /** Stateless, keys only, refusals as problem details: what both chains share. */
    private static HttpSecurity common(HttpSecurity http, ApiKeys keys, JsonMapper json) throws Exception {
        return http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new ApiKeyFilter(keys), AuthorizationFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> {
                            boolean rejected = request.getAttribute(KEY_REJECTED) != null;
                            response.setHeader("WWW-Authenticate", "ApiKey header=\"" + HEADER + "\"");
                            problem(json, request, response, 401, "/problems/unauthenticated", "Unauthenticated",
                                    rejected ? "the " + HEADER + " header does not hold a known API key"
                                            : "send an API key in the " + HEADER + " header");
                        })
                        .accessDeniedHandler((request, response, ex) -> problem(json, request, response, 403,
                                "/problems/forbidden", "Forbidden",
                                "the API key '" + callerName() + "' lacks the role this needs")));
    }

    /** Passwords are not used: this keeps Spring Boot from making a default user with a generated password. */
    @Bean
    AuthenticationManager noPasswordLogins() {
        return authentication -> {
            throw new BadCredentialsException("only API keys (" + HEADER + ") are accepted");
        };
    }

    private static String callerName() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "" : authentication.getName();
    }

    private static void problem(JsonMapper json, HttpServletRequest request, HttpServletResponse response, int status,
            String type, String title, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(Problems.json(Problems.of(HttpStatusCode.valueOf(status), type, title, detail),
                request.getRequestURI()));
    }

    /** The caller, named by its key; {@code getName()} is what history and audit record. */
    static final class ApiKeyAuthentication extends AbstractAuthenticationToken {

        private final String name;

        ApiKeyAuthentication(ApiKeys.Key key) {
            super(key.roles().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList());
            this.name = key.name();
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return name;
        }

        @Override
        public String getName() {
            return name;
        }
    }

    /** Turns a known {@code X-API-Key} into an authentication; an unknown one is marked for the 401's detail. */
    static final class ApiKeyFilter extends OncePerRequestFilter {

        private final ApiKeys keys;

        ApiKeyFilter(ApiKeys keys) {
            this.keys = keys;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String secret = request.getHeader(HEADER);
            if (secret != null) {
                ApiKeys.Key key = keys.match(secret.strip());
                if (key != null) {
                    var context = SecurityContextHolder.createEmptyContext();
                    context.setAuthentication(new ApiKeyAuthentication(key));
                    SecurityContextHolder.setContext(context);
                } else {
                    request.setAttribute(KEY_REJECTED, Boolean.TRUE);
                }
            }
            chain.doFilter(request, response);
        }
    }

}
