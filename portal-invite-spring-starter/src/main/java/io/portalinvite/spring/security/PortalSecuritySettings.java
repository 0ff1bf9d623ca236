package io.portalinvite.spring.security;

import io.portalinvite.account.LoginService;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the portal's security chain needs to know: its paths, its session limits and the library's
 * login service. The starter builds it from {@code portal.invite.web.*} and
 * {@code portal.invite.security.*}; {@link PortalInviteHttpConfigurer} looks it up in the
 * application context when not given one.
 *
 * @param basePath the portal's part of the site; the chain matches it and everything below it
 * @param loginUrl the login page; the form posts to it
 * @param homeUrl where a patient lands after logging in
 * @param publicPaths paths anyone may open (the invitation page, its JSON endpoints), each with
 *     everything below it
 * @param idleTimeout a sign-in ends after this long without a request
 * @param absoluteTimeout a sign-in ends this long after it began
 * @param login the library's login service
 * @param clock the clock the library uses
 */
public record PortalSecuritySettings(
        String basePath,
        String loginUrl,
        String homeUrl,
        List<String> publicPaths,
        Duration idleTimeout,
        Duration absoluteTimeout,
        LoginService login,
        Clock clock) {

    /** Checks the parts and copies the list. */
    public PortalSecuritySettings {
        Objects.requireNonNull(basePath, "basePath");
        Objects.requireNonNull(loginUrl, "loginUrl");
        Objects.requireNonNull(homeUrl, "homeUrl");
        publicPaths = List.copyOf(publicPaths);
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(clock, "clock");
        if (idleTimeout.isNegative()
                || idleTimeout.isZero()
                || absoluteTimeout.isNegative()
                || absoluteTimeout.isZero()) {
            throw new IllegalArgumentException("the session timeouts must be positive");
        }
    }

    /**
     * Returns the logout path: {@code logout} under the base path.
     *
     * @return e.g. {@code /portal/logout}
     */
    public String logoutUrl() {
        return basePath + "/logout";
    }
}
