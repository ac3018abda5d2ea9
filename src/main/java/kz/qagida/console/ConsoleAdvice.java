package kz.qagida.console;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponents;

/** What every console page shows in its frame: who is signed in, with which roles, in which language. */
@ControllerAdvice(basePackageClasses = ConsoleAdvice.class)
class ConsoleAdvice {

    /** The signed-in user: the API key's name and roles (never its secret); null on the sign-in page. */
    record User(String name, Set<String> roles) {

        boolean has(String role) {
            return roles.contains(role);
        }

        public boolean checker() {
            return has("checker");
        }

        public boolean analyst() {
            return has("analyst");
        }

        public boolean auditor() {
            return has("auditor");
        }

        public String rolesText() {
            return String.join(", ", new java.util.TreeSet<>(roles));
        }
    }

    /** Links to a row of the law page by its rule name. */
    static final class Anchors {
        public String of(String name) {
            return name == null ? "" : LawCatalog.anchor(name);
        }
    }

    private static final Anchors ANCHORS = new Anchors();

    @ModelAttribute("anchors")
    Anchors anchors() {
        return ANCHORS;
    }

    /** The page's address with {@code lang} set, for the language switch. */
    record Languages(String current, String en, String ru, String kk) {
    }

    @ModelAttribute("user")
    User user() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        if (a == null || !a.isAuthenticated() || a instanceof AnonymousAuthenticationToken) {
            return null;
        }
        return new User(a.getName(), a.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(r -> r.startsWith("ROLE_")).map(r -> r.substring(5)).collect(Collectors.toSet()));
    }

    @ModelAttribute("languages")
    Languages languages(HttpServletRequest request, Locale locale) {
        return new Languages(locale.getLanguage(), switchTo(request, "en"), switchTo(request, "ru"), switchTo(request, "kk"));
    }

    private static String switchTo(HttpServletRequest request, String language) {
        if (!"GET".equals(request.getMethod())) {
            return request.getRequestURI() + "?lang=" + language;
        }
        UriComponents u = ServletUriComponentsBuilder.fromRequest(request).replaceQueryParam("lang", language).build();
        return u.getPath() + "?" + u.getQuery();
    }
}
