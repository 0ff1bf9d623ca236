package io.portalinvite.spring.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/** Path prefixes of the portal: each path itself and everything below it, inside the context path. */
final class PortalPaths {

    private final List<String> prefixes;

    PortalPaths(List<String> prefixes) {
        this.prefixes = prefixes.stream().map(PortalPaths::trimSlash).toList();
    }

    boolean matches(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        String path = context != null && !context.isEmpty() && uri.startsWith(context)
                ? uri.substring(context.length())
                : uri;
        for (String prefix : prefixes) {
            if (path.equals(prefix) || path.startsWith(prefix + "/") || path.startsWith(prefix + ";")) {
                return true;
            }
        }
        return false;
    }

    private static String trimSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
