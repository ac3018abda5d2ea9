package kz.qagida.console;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import kz.qagida.system.ApiKeys;

/**
 * Signing in with an API key: the key's name and roles become the session's user; the secret is
 * only compared (in constant time, by {@link ApiKeys}) and never kept, logged or shown.
 */
@Controller
class LoginController {

    private final ApiKeys keys;
    private final HttpSessionSecurityContextRepository contexts;
    private final HttpSessionCsrfTokenRepository csrfTokens;
    private final HttpSessionRequestCache requestCache;

    LoginController(ApiKeys keys, HttpSessionSecurityContextRepository contexts,
            HttpSessionCsrfTokenRepository csrfTokens, HttpSessionRequestCache requestCache) {
        this.keys = keys;
        this.contexts = contexts;
        this.csrfTokens = csrfTokens;
        this.requestCache = requestCache;
    }

    @GetMapping(ConsoleSecurity.LOGIN)
    String loginPage() {
        return "console/login";
    }

    @PostMapping(ConsoleSecurity.LOGIN)
    String login(@RequestParam(name = "apiKey", defaultValue = "") String apiKey, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        ApiKeys.Key key = keys.match(apiKey.strip());
        if (key == null) {
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            model.addAttribute("failed", true);
            return "console/login";
        }
        Locale chosen = (Locale) request.getSession().getAttribute(
                org.springframework.web.servlet.i18n.SessionLocaleResolver.LOCALE_SESSION_ATTRIBUTE_NAME);
        SavedRequest saved = requestCache.getRequest(request, response);
        request.changeSessionId();
        var authentication = UsernamePasswordAuthenticationToken.authenticated(key.name(), null,
                key.roles().stream().sorted().map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList());
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        csrfTokens.saveToken(null, request, response); // a new token for the signed-in session
        requestCache.removeRequest(request, response);
        if (chosen != null) {
            request.getSession().setAttribute(
                    org.springframework.web.servlet.i18n.SessionLocaleResolver.LOCALE_SESSION_ATTRIBUTE_NAME, chosen);
        }
        String target = saved == null ? null : java.net.URI.create(saved.getRedirectUrl()).getRawPath();
        String query = saved == null ? null : java.net.URI.create(saved.getRedirectUrl()).getRawQuery();
        boolean local = target != null && target.startsWith("/console") && !target.startsWith("/console/assets");
        return "redirect:" + (local ? target + (query == null ? "" : "?" + query) : "/console");
    }

    @GetMapping({"/console", "/console/"})
    String home() {
        return "console/home";
    }

    /** Spring Security forwards refused requests here, whatever their method. */
    @org.springframework.web.bind.annotation.RequestMapping("/console/denied")
    String denied(HttpServletResponse response) {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        return "console/denied";
    }
}
