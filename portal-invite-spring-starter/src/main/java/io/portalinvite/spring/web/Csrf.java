package io.portalinvite.spring.web;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.util.ClassUtils;

/** Reads Spring Security's CSRF token from the request, when Spring Security is present. */
final class Csrf {

    private static final boolean PRESENT =
            ClassUtils.isPresent("org.springframework.security.web.csrf.CsrfToken", Csrf.class.getClassLoader());

    private Csrf() {}

    /**
     * The form field to add.
     *
     * @param name the parameter name
     * @param value the token
     * @param headerName the header name, for JSON clients
     */
    record Field(String name, String value, String headerName) {}

    static @Nullable Field of(HttpServletRequest request) {
        return PRESENT ? Reader.read(request) : null;
    }

    /** Touches Spring Security's type only when it is on the class path. */
    private static final class Reader {
        static @Nullable Field read(HttpServletRequest request) {
            Object attribute = request.getAttribute(CsrfToken.class.getName());
            if (attribute instanceof CsrfToken token) {
                return new Field(token.getParameterName(), token.getToken(), token.getHeaderName());
            }
            return null;
        }
    }
}
