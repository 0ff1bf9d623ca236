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
 * Adds {@code Referrer-Policy: no-referrer} and {@code Cache-Control: no-store} to every response
 * under the invitation paths, before anything else runs, so that errors (including Spring Security's
 * rejections, when this filter is ordered ahead of its chain, as by default) carry them too: the
 * token in the page's URL must not leak through the Referer header or be kept by a cache.
 */
public final class InvitationResponseHeadersFilter extends OncePerRequestFilter implements Ordered {

    /** Runs ahead of Spring Security's filter chain (order -100). */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 50;

    private final List<String> paths;

    /**
     * Creates the filter.
     *
     * @param paths the path prefixes it applies to (each path itself and everything below it)
     */
    public InvitationResponseHeadersFilter(List<String> paths) {
        this.paths = List.copyOf(Objects.requireNonNull(paths, "paths")).stream()
                .map(InvitationResponseHeadersFilter::trimSlash)
                .toList();
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
     * Skips requests outside the invitation paths.
     *
     * @param request the request
     * @return true when the path is not one of the invitation paths
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        String path = context != null && !context.isEmpty() && uri.startsWith(context)
                ? uri.substring(context.length())
                : uri;
        for (String prefix : paths) {
            if (path.equals(prefix) || path.startsWith(prefix + "/") || path.startsWith(prefix + ";")) {
                return false;
            }
        }
        return true;
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
        chain.doFilter(request, response);
    }

    private static String trimSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
