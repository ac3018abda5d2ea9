package kz.qagida.console;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.i18n.SessionLocaleResolver;

/**
 * The console's language: English, Russian or Kazakh, chosen with {@code ?lang=} (kept in the
 * session) or else the best match of {@code Accept-Language}. Outside {@code /console} the resolver
 * answers as Spring's default does, so the API is unaffected.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleLocale implements WebMvcConfigurer {

    static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.forLanguageTag("ru"), Locale.forLanguageTag("kk"));

    @Bean
    LocaleResolver localeResolver() {
        AcceptHeaderLocaleResolver header = new AcceptHeaderLocaleResolver();
        header.setSupportedLocales(LANGUAGES);
        header.setDefaultLocale(Locale.ENGLISH);
        SessionLocaleResolver session = new SessionLocaleResolver() {
            @Override
            public Locale resolveLocale(HttpServletRequest request) {
                return console(request) ? super.resolveLocale(request) : request.getLocale();
            }

            @Override
            public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
                if (locale == null || LANGUAGES.stream().anyMatch(l -> l.getLanguage().equals(locale.getLanguage()))) {
                    super.setLocale(request, response, locale == null ? null : Locale.forLanguageTag(locale.getLanguage()));
                }
            }
        };
        session.setDefaultLocaleFunction(header::resolveLocale);
        return session;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change).addPathPatterns("/console", "/console/**");
    }

    private static boolean console(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/console") || path.startsWith("/console/");
    }
}
