package io.portalinvite.spring.security;

import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;

/**
 * Authorization rules for the host's own security chain. A portal sign-in lives in a security
 * context of its own and never reaches the host's chain; should the host ever authenticate portal
 * users in its own context (its own login for them, say), one rule keeps them out of its pages:
 *
 * <pre>{@code
 * http.authorizeHttpRequests(requests -> requests
 *         .anyRequest().access(PortalAuthorization.authenticatedExceptPortalUsers()));
 * }</pre>
 */
public final class PortalAuthorization {

    private PortalAuthorization() {}

    /**
     * Grants any authenticated user except a portal user ({@link PortalUserDetails#ROLE_PORTAL_USER}):
     * a portal user gets 403 and an anonymous one is sent to the host's login, as with
     * {@code authenticated()}.
     *
     * @param <T> the secured object type, such as a request's authorization context
     * @return the rule
     */
    public static <T> AuthorizationManager<T> authenticatedExceptPortalUsers() {
        return AuthorizationManagers.allOf(
                AuthenticatedAuthorizationManager.authenticated(),
                AuthorizationManagers.not(
                        AuthorityAuthorizationManager.hasAuthority(PortalUserDetails.ROLE_PORTAL_USER)));
    }
}
