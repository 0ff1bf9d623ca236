package io.portalinvite.spring.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.security.web.RedirectStrategy;

/**
 * Redirects within the site, never to the host a request named: the {@code Location} header is a
 * path (with the context path in front), written directly rather than through {@code
 * sendRedirect}, which a container set to absolute redirects (Boot's default for Tomcat) would
 * complete with the request's {@code Host} header. An absolute target (Spring Security's saved
 * request is one, built from that same header) keeps only its path and query; anything that is not
 * a plain path on this site ({@code //evil.example}, {@code /\evil.example}) becomes the fallback.
 * The browser resolves the path against the address it actually asked for.
 */
final class SiteRelativeRedirects implements RedirectStrategy {

    private final String fallback;

    /**
     * Creates the strategy.
     *
     * @param fallback the path used when a target is not a path on this site
     */
    SiteRelativeRedirects(String fallback) {
        this.fallback = fallback;
    }

    @Override
    public void sendRedirect(HttpServletRequest request, HttpServletResponse response, String url) {
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader("Location", location(request.getContextPath(), url));
    }

    /** The path to send for a target: site-relative, starting with one slash. */
    String location(String contextPath, String url) {
        String path = url;
        try {
            URI uri = new URI(url);
            if (uri.isAbsolute() || uri.getRawAuthority() != null) {
                String raw = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
                return safe(raw + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()), contextPath);
            }
        } catch (URISyntaxException e) {
            return contextPath + fallback;
        }
        return safe(contextPath + path, contextPath);
    }

    private String safe(String path, String contextPath) {
        boolean plain = path.startsWith("/")
                && !path.startsWith("//")
                && path.indexOf('\\') < 0
                && path.chars().allMatch(c -> c > 0x20 && c < 0x7F);
        return plain ? path : contextPath + fallback;
    }
}
