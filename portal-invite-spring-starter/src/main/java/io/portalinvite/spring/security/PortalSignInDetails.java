package io.portalinvite.spring.security;

import io.portalinvite.throttle.SignInClient;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serial;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The details of a portal sign-in: Spring Security's {@link WebAuthenticationDetails} (the client
 * address as the container reports it, {@code getRemoteAddr()}, and the session id), plus the
 * device cookie the browser presented and, after a successful sign-in, the new one to set. The
 * address is never taken from a header here: behind a reverse proxy, configure the container to
 * take it from the proxy's forwarded header (e.g. Spring Boot's
 * {@code server.forward-headers-strategy=native} with Tomcat's {@code RemoteIpValve}).
 */
public final class PortalSignInDetails extends WebAuthenticationDetails {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Name of the device cookie. */
    public static final String DEVICE_COOKIE = "PORTAL_INVITE_DEVICE";

    private final transient @Nullable String presentedDeviceCookie;
    private final transient @Nullable String issuedDeviceCookie;

    /**
     * Reads the details of a sign-in request.
     *
     * @param request the sign-in request
     */
    public PortalSignInDetails(HttpServletRequest request) {
        super(request);
        this.presentedDeviceCookie = deviceCookie(request);
        this.issuedDeviceCookie = null;
    }

    private PortalSignInDetails(PortalSignInDetails presented, String issued) {
        super(presented.getRemoteAddress(), presented.getSessionId());
        this.presentedDeviceCookie = presented.presentedDeviceCookie;
        this.issuedDeviceCookie = Objects.requireNonNull(issued);
    }

    /**
     * Returns these details with the device cookie a successful sign-in issued.
     *
     * @param issued the new cookie value
     * @return the details to keep with the authenticated sign-in
     */
    public PortalSignInDetails withIssuedDeviceCookie(String issued) {
        return new PortalSignInDetails(this, issued);
    }

    /**
     * Returns the client as the library's sign-in throttle sees it.
     *
     * @return the address and presented device cookie
     */
    public SignInClient client() {
        return new SignInClient(getRemoteAddress(), presentedDeviceCookie);
    }

    /**
     * Returns the device cookie to set after a successful sign-in.
     *
     * @return the value, or null before success
     */
    public @Nullable String issuedDeviceCookie() {
        return issuedDeviceCookie;
    }

    private static @Nullable String deviceCookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie c : cookies) {
            if (DEVICE_COOKIE.equals(c.getName())) {
                return c.getValue();
            }
        }
        return null;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        // the instanceof check also tells NullAway that o is not null (Spring Security 7.0's equals is unannotated)
        return o instanceof PortalSignInDetails && super.equals(o);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }

    @Override
    public String toString() {
        return "PortalSignInDetails[deviceCookie=" + (presentedDeviceCookie == null ? "-" : "***") + "]";
    }
}
