package kz.qagida.console;

import jakarta.servlet.DispatcherType;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;

/**
 * The console's own filter chain, for {@code /console/**} only and ahead of the API's stateless
 * chain (which keeps every other path): a session made by signing in with an API key, CSRF tokens
 * on every form, and the roles the matching API needs (law: any key; check: checker; rulesets:
 * analyst; audit: auditor). The session cookie's attributes are set in application.yml.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurity {

    static final String LOGIN = "/console/login";

    @Bean
    HttpSessionCsrfTokenRepository consoleCsrfTokens() {
        return new HttpSessionCsrfTokenRepository();
    }

    @Bean
    HttpSessionSecurityContextRepository consoleContexts() {
        return new HttpSessionSecurityContextRepository();
    }

    @Bean
    HttpSessionRequestCache consoleRequestCache() {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        cache.setMatchingRequestParameterName(null);
        return cache;
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    SecurityFilterChain consoleFilterChain(HttpSecurity http, HttpSessionCsrfTokenRepository csrfTokens,
            HttpSessionSecurityContextRepository contexts, HttpSessionRequestCache requestCache) throws Exception {
        http.securityMatcher("/console", "/console/**")
                .csrf(c -> c.csrfTokenRepository(csrfTokens))
                .securityContext(s -> s.securityContextRepository(contexts))
                .requestCache(r -> r.requestCache(requestCache))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED)
                        .sessionFixation(f -> f.changeSessionId()))
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(l -> l.logoutUrl("/console/logout").logoutSuccessUrl(LOGIN + "?signedOut")
                        .invalidateHttpSession(true).deleteCookies("JSESSIONID"))
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives("default-src 'self'; img-src 'self' data:; "
                                + "style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; "
                                + "base-uri 'none'"))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .exceptionHandling(e -> e.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint(LOGIN))
                        .accessDeniedPage("/console/denied"))
                .authorizeHttpRequests(a -> a
                        .dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR).permitAll()
                        .requestMatchers(LOGIN, "/console/assets/**", "/console/denied").permitAll()
                        .requestMatchers("/console/check", "/console/check/**").hasRole("checker")
                        .requestMatchers("/console/rulesets", "/console/rulesets/**").hasRole("analyst")
                        .requestMatchers("/console/audit", "/console/audit/**").hasRole("auditor")
                        .anyRequest().authenticated());
        return http.build();
    }
}
