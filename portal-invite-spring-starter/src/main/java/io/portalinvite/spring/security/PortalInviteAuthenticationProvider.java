package io.portalinvite.spring.security;

import io.portalinvite.account.LoginService;
import io.portalinvite.account.LoginService.LoginResult;
import io.portalinvite.account.PortalPrincipal;
import io.portalinvite.password.PasswordHasher.HashingCapacityExceededException;
import io.portalinvite.throttle.SignInClient;
import java.util.Objects;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Authenticates {@link UsernamePasswordAuthenticationToken}s (email and password) against portal-invite
 * accounts through {@link LoginService#login}. Every failure — unknown email, wrong password,
 * throttled or locked account — is the same {@link BadCredentialsException} with the library's
 * generic message; too many concurrent password hashes is an {@link AuthenticationServiceException}
 * (answer it with HTTP 503 and {@code Retry-After}); a client address past its sign-in budget is a
 * {@link SignInRateLimitedException} (HTTP 429 and {@code Retry-After}). With
 * {@link PortalSignInDetails} as the request's details, the throttle sees the client's address and
 * device cookie, and the authenticated token's details carry the new device cookie to set. The
 * authenticated principal is a {@link PortalUserDetails}.
 */
public final class PortalInviteAuthenticationProvider implements AuthenticationProvider {

    private final LoginService login;

    /**
     * Creates the provider.
     *
     * @param login the portal's login service
     */
    public PortalInviteAuthenticationProvider(LoginService login) {
        this.login = Objects.requireNonNull(login, "login");
    }

    /**
     * Logs in with the token's name (email) and credentials (password).
     *
     * @param authentication an unauthenticated {@link UsernamePasswordAuthenticationToken}
     * @return an authenticated token whose principal is a {@link PortalUserDetails}
     * @throws BadCredentialsException for every failed login
     * @throws AuthenticationServiceException when hashing capacity is exhausted
     */
    @Override
    public Authentication authenticate(Authentication authentication) {
        Object credentials = authentication.getCredentials();
        String email = authentication.getName();
        if (credentials == null || email == null) {
            throw new BadCredentialsException(LoginResult.FAILURE_MESSAGE);
        }
        Object details = authentication.getDetails();
        PortalSignInDetails signIn = details instanceof PortalSignInDetails d ? d : null;
        LoginResult result;
        try {
            result =
                    login.login(email, credentials.toString(), signIn == null ? SignInClient.UNKNOWN : signIn.client());
        } catch (HashingCapacityExceededException e) {
            throw new AuthenticationServiceException("Login is temporarily unavailable; try again shortly.", e);
        }
        if (result.rateLimited() || result.paused()) {
            throw new SignInRateLimitedException(
                    result.retryAfter().orElse(java.time.Duration.ofSeconds(1)), result.paused());
        }
        PortalPrincipal principal =
                result.principal().orElseThrow(() -> new BadCredentialsException(LoginResult.FAILURE_MESSAGE));
        PortalUserDetails user = new PortalUserDetails(principal);
        UsernamePasswordAuthenticationToken done =
                UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
        String cookie = result.deviceCookie().orElse(null);
        done.setDetails(signIn != null && cookie != null ? signIn.withIssuedDeviceCookie(cookie) : details);
        return done;
    }

    /**
     * Returns whether the token type is a {@link UsernamePasswordAuthenticationToken}.
     *
     * @param authentication the token type
     * @return the answer
     */
    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
