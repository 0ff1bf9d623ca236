package io.portalinvite.spring.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Adds the portal's security headers to every response under the portal's paths, before anything
 * else runs, so that every answer carries them: Spring Security's rejections, the 400 of {@link
 * PortalRequestFilter}, and the container's own error pages (404, 500), whose headers are set
 * before the error is dispatched.
 *
 * <ul>
 *   <li>{@code Referrer-Policy: no-referrer} and {@code Cache-Control: no-store}: the token in the
 *       invitation page's URL must not leak through the Referer header or be kept by a cache;
 *   <li>{@code Content-Security-Policy}: by default {@value #DEFAULT_CONTENT_SECURITY_POLICY}; the
 *       starter's pages use no script, no inline style and no outside resource;
 *   <li>{@code X-Content-Type-Options: nosniff};
 *   <li>{@code Strict-Transport-Security: max-age=31536000; includeSubDomains} when the request
 *       came over HTTPS (as the container sees it: behind a proxy, only with forwarded headers
 *       configured; see the README's TLS section).
 * </ul>
 */
public final class PortalResponseHeadersFilter extends OncePerRequestFilter implements Ordered {

    /** Runs ahead of Spring Security's filter chain (order -100). */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 50;

    /** The default policy: nothing but the page itself, its form posts and same-origin style sheets and images. */
    public static final String DEFAULT_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; "
            + "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /** HSTS for a year, the figure ASVS 3.4.1 asks for. */
    static final String HSTS = "max-age=31536000; includeSubDomains";

    private final PortalPaths paths;
    private final String contentSecurityPolicy;

    /**
     * Creates the filter with {@link #DEFAULT_CONTENT_SECURITY_POLICY}.
     *
     * @param paths the path prefixes it applies to (each path itself and everything below it)
     */
    public PortalResponseHeadersFilter(List<String> paths) {
        this(paths, DEFAULT_CONTENT_SECURITY_POLICY);
    }

    /**
     * Creates the filter.
     *
     * @param paths the path prefixes it applies to (each path itself and everything below it)
     * @param contentSecurityPolicy the {@code Content-Security-Policy} value; blank for none (a host
     *     whose own pages under these paths set their own)
     */
    public PortalResponseHeadersFilter(List<String> paths, String contentSecurityPolicy) {
        this.paths = new PortalPaths(Objects.requireNonNull(paths, "paths"));
        this.contentSecurityPolicy = Objects.requireNonNull(contentSecurityPolicy, "contentSecurityPolicy")
                .strip();
        if (this.contentSecurityPolicy.chars().anyMatch(c -> c < 0x20 || c > 0x7E)) {
            throw new IllegalArgumentException("the Content-Security-Policy must be printable ASCII on one line");
        }
    }

    /**
     * Returns {@link #ORDER}.
     *
     * @return the order
     */
    @Override
    public int getOrder() {
        return ORDER;
    }

    /**
     * Skips requests outside the portal's paths.
     *
     * @param request the request
     * @return true when the path is not under one of the portal's paths
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !paths.matches(request);
    }

    /**
     * Sets the headers, then continues the chain.
     *
     * @param request the request
     * @param response the response
     * @param chain the rest of the chain
     * @throws ServletException from the chain
     * @throws IOException from the chain
     */
    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (!contentSecurityPolicy.isEmpty()) {
            response.setHeader("Content-Security-Policy", contentSecurityPolicy);
        }
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
        chain.doFilter(request, response);
    }
}
