package io.portalinvite.spring.security;

import io.portalinvite.account.LoginService;
import io.portalinvite.common.AccountId;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a portal sign-in that has lasted too long, has been idle too long, or began before the
 * account's password last changed (a reset elsewhere signs out every older session). The sign-in
 * is then dropped from the portal's security context only; the HTTP session and anything else in
 * it, such as a staff sign-in of the host, stay.
 */
final class PortalSessionFilter extends OncePerRequestFilter {

    /** Session attribute holding the portal sign-in's times. */
    static final String SIGN_IN_ATTRIBUTE = PortalSessionFilter.class.getName() + ".SIGN_IN";

    /**
     * When a portal sign-in began and when it was last used.
     *
     * @param accountId the signed-in account
     * @param signedInAt when the password was checked
     * @param lastSeenAt the latest request
     */
    record SignIn(String accountId, Instant signedInAt, Instant lastSeenAt) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    private final SecurityContextRepository contexts;
    private final LoginService login;
    private final Clock clock;
    private final Duration idleTimeout;
    private final Duration absoluteTimeout;

    PortalSessionFilter(
            SecurityContextRepository contexts,
            LoginService login,
            Clock clock,
            Duration idleTimeout,
            Duration absoluteTimeout) {
        this.contexts = Objects.requireNonNull(contexts, "contexts");
        this.login = Objects.requireNonNull(login, "login");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
        this.absoluteTimeout = Objects.requireNonNull(absoluteTimeout, "absoluteTimeout");
    }

    /** Records the start of a sign-in, in the session the login handler just rotated. */
    static void recordSignIn(HttpServletRequest request, Authentication authentication, Clock clock) {
        if (authentication.getPrincipal() instanceof PortalUserDetails user) {
            Instant now = clock.instant();
            request.getSession()
                    .setAttribute(
                            SIGN_IN_ATTRIBUTE,
                            new SignIn(user.principal().accountId().value().toString(), now, now));
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof PortalUserDetails user) {
            HttpSession session = request.getSession(false);
            SignIn signIn = session == null ? null : signIn(session);
            Instant now = clock.instant();
            if (session != null && signIn != null && stillValid(signIn, user, now)) {
                session.setAttribute(SIGN_IN_ATTRIBUTE, new SignIn(signIn.accountId(), signIn.signedInAt(), now));
            } else {
                SecurityContextHolder.clearContext();
                contexts.saveContext(SecurityContextHolder.createEmptyContext(), request, response);
                if (session != null) {
                    session.removeAttribute(SIGN_IN_ATTRIBUTE);
                }
            }
        }
        chain.doFilter(request, response);
    }

    private boolean stillValid(SignIn signIn, PortalUserDetails user, Instant now) {
        AccountId account = user.principal().accountId();
        return signIn.accountId().equals(account.value().toString())
                && !now.isAfter(signIn.lastSeenAt().plus(idleTimeout))
                && !now.isAfter(signIn.signedInAt().plus(absoluteTimeout))
                && login.isSessionValid(account, signIn.signedInAt());
    }

    private static @Nullable SignIn signIn(HttpSession session) {
        return session.getAttribute(SIGN_IN_ATTRIBUTE) instanceof SignIn s ? s : null;
    }
}
