package io.portalinvite.spring.security;

import io.portalinvite.account.LoginService.LoginResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Makes an {@link HttpSecurity} the Patient Portal's own filter chain: it matches only the portal's
 * paths, authenticates with its own {@link AuthenticationManager} over portal-invite accounts (never
 * the host's users, and never registered as a bean the host's chains could pick up), and keeps its
 * sign-in, saved request and CSRF token under session attributes of its own, so that a patient
 * signing in or out never replaces or ends a staff sign-in of the host in the same browser, and
 * the other way round. The starter applies it to its own chain; a host that switches that chain off
 * ({@code portal.invite.security.enabled=false}) applies it to a chain of its own, ordered ahead of
 * its other chains:
 *
 * <pre>{@code
 * @Bean
 * @Order(Ordered.HIGHEST_PRECEDENCE)
 * SecurityFilterChain portal(HttpSecurity http) throws Exception {
 *     return http.with(PortalInviteHttpConfigurer.portalInvite(), Customizer.withDefaults()).build();
 * }
 * }</pre>
 *
 * <p>The chain: the login page and the invitation paths are open; everything else under the base
 * path needs a portal sign-in ({@link PortalUserDetails#ROLE_PORTAL_USER}). The login form posts
 * {@code email} and {@code password} to the login page's path; success goes to the saved request
 * of the portal or the home page (never to a URL from a parameter), failure back to the login page
 * with {@code ?error} ({@code ?busy} when too many password hashes are running; {@code ?paused=N}
 * minutes, or for a JSON request HTTP 429 with {@code Retry-After}, when the client address has used
 * its sign-in budget). A form posted without a valid CSRF token (the session timed out) goes back to
 * the same step with {@code ?timeout} instead of a bare 403; a JSON request not signed in gets 401
 * in JSON, never a redirect to the login page. A successful sign-in
 * sets the device cookie ({@link PortalSignInDetails#DEVICE_COOKIE}: HttpOnly, Secure on HTTPS,
 * SameSite=Strict, path = the portal's) that lets later sign-ins from that browser past the
 * account's lockout on the device's own budget. The session id is
 * changed at login; logout is a POST to {@code <base>/logout} and removes only the portal sign-in.
 * Sign-ins end after the idle and absolute timeouts and when the password has changed since.
 * Every redirect is a path on this site, never built from the request's {@code Host} header.
 * Responses carry {@code Referrer-Policy: no-referrer} and Spring Security's default headers.
 */
public final class PortalInviteHttpConfigurer extends AbstractHttpConfigurer<PortalInviteHttpConfigurer, HttpSecurity> {

    /** Session attribute of the portal's security context, beside the host's. */
    public static final String SECURITY_CONTEXT_ATTRIBUTE = "PORTAL_INVITE_SECURITY_CONTEXT";

    /** Session attribute of the portal's CSRF token, beside the host's. */
    public static final String CSRF_TOKEN_ATTRIBUTE = "PORTAL_INVITE_CSRF_TOKEN";

    /** Session attribute of the request saved before the portal's login page. */
    public static final String SAVED_REQUEST_ATTRIBUTE = "PORTAL_INVITE_SAVED_REQUEST";

    private @Nullable PortalSecuritySettings settings;

    private PortalInviteHttpConfigurer() {}

    /**
     * Returns a configurer that takes its settings from the application context's
     * {@link PortalSecuritySettings} bean (which the starter defines), unless given some.
     *
     * @return a new configurer
     */
    public static PortalInviteHttpConfigurer portalInvite() {
        return new PortalInviteHttpConfigurer();
    }

    /**
     * Uses these settings instead of the application context's.
     *
     * @param value the settings
     * @return this
     */
    public PortalInviteHttpConfigurer settings(PortalSecuritySettings value) {
        this.settings = value;
        return this;
    }

    /**
     * Configures the chain.
     *
     * @param http the chain being built
     */
    @Override
    public void init(HttpSecurity http) {
        PortalSecuritySettings s = resolve(http);
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();

        HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
        contexts.setSpringSecurityContextKey(SECURITY_CONTEXT_ATTRIBUTE);
        HttpSessionCsrfTokenRepository csrfTokens = new HttpSessionCsrfTokenRepository();
        csrfTokens.setSessionAttributeName(CSRF_TOKEN_ATTRIBUTE);
        HttpSessionRequestCache requests = new HttpSessionRequestCache();
        requests.setSessionAttrName(SAVED_REQUEST_ATTRIBUTE);

        // every redirect of the chain is a path on this site, never built from the Host header
        SiteRelativeRedirects redirects = new SiteRelativeRedirects(s.homeUrl());
        SavedRequestAwareAuthenticationSuccessHandler landing = new SavedRequestAwareAuthenticationSuccessHandler();
        landing.setDefaultTargetUrl(s.homeUrl());
        landing.setRequestCache(requests);
        landing.setRedirectStrategy(redirects);

        List<RequestMatcher> open = new ArrayList<>();
        open.add(paths.matcher(s.loginUrl()));
        for (String path : s.publicPaths()) {
            open.add(paths.matcher(path));
            open.add(paths.matcher(path + "/**"));
        }

        http.securityMatcher(paths.matcher(s.basePath() + "/**"))
                .authenticationManager(new ProviderManager(new PortalInviteAuthenticationProvider(s.login())))
                .securityContext(context -> context.securityContextRepository(contexts))
                .requestCache(cache -> cache.requestCache(requests))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens))
                .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, e) -> {
                            if (TimedOutFormHandler.wantsJson(request)) {
                                // a single-page front end: an answer it can read, never a login page
                                response.setStatus(HttpStatus.UNAUTHORIZED.value());
                                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                                response.getWriter()
                                        .write("{\"error\":\"not_signed_in\",\"message\":\"Sign in to the "
                                                + "Patient Portal first.\",\"violations\":[]}");
                                return;
                            }
                            redirects.sendRedirect(request, response, s.loginUrl());
                        })
                        .accessDeniedHandler(new TimedOutFormHandler(s.loginUrl(), s.logoutUrl(), redirects)))
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(open.toArray(RequestMatcher[]::new))
                        .permitAll()
                        .anyRequest()
                        .hasAuthority(PortalUserDetails.ROLE_PORTAL_USER))
                .formLogin(form -> form.loginPage(s.loginUrl())
                        .loginProcessingUrl(s.loginUrl())
                        .usernameParameter("email")
                        .passwordParameter("password")
                        .authenticationDetailsSource(PortalSignInDetails::new)
                        .successHandler((request, response, authentication) -> {
                            PortalSessionFilter.recordSignIn(request, authentication, s.clock());
                            setDeviceCookie(request, response, authentication, s);
                            landing.onAuthenticationSuccess(request, response, authentication);
                        })
                        .failureHandler(new BackToLogin(s.loginUrl(), redirects)))
                .logout(logout -> logout.logoutRequestMatcher(
                                paths.matcher(org.springframework.http.HttpMethod.POST, s.logoutUrl()))
                        .invalidateHttpSession(false)
                        .clearAuthentication(true)
                        .addLogoutHandler((request, response, authentication) -> {
                            var session = request.getSession(false);
                            if (session != null) {
                                session.removeAttribute(PortalSessionFilter.SIGN_IN_ATTRIBUTE);
                            }
                        })
                        .logoutSuccessHandler((request, response, authentication) ->
                                redirects.sendRedirect(request, response, s.loginUrl() + "?logout")))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .headers(headers -> headers.referrerPolicy(
                        referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .addFilterAfter(
                        new PortalSessionFilter(contexts, s.login(), s.clock(), s.idleTimeout(), s.absoluteTimeout()),
                        SecurityContextHolderFilter.class);
    }

    /**
     * Sets the device cookie a successful sign-in issued: HttpOnly, Secure on a secure request,
     * SameSite=Strict (it is only ever sent back to the sign-in form's POST, a same-site request),
     * limited to the portal's path, kept for the cookie's lifetime.
     */
    private static void setDeviceCookie(
            HttpServletRequest request,
            HttpServletResponse response,
            org.springframework.security.core.Authentication authentication,
            PortalSecuritySettings s) {
        if (!(authentication.getDetails() instanceof PortalSignInDetails details)) {
            return;
        }
        String value = details.issuedDeviceCookie();
        if (value == null) {
            return;
        }
        ResponseCookie cookie = ResponseCookie.from(PortalSignInDetails.DEVICE_COOKIE, value)
                .httpOnly(true)
                .secure(request.isSecure())
                .sameSite("Strict")
                .path(request.getContextPath() + s.basePath())
                .maxAge(s.login().deviceCookieLifetime())
                .build();
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
    }

    private PortalSecuritySettings resolve(HttpSecurity http) {
        if (settings != null) {
            return settings;
        }
        ApplicationContext context = http.getSharedObject(ApplicationContext.class);
        if (context == null) {
            throw new IllegalStateException(
                    "PortalInviteHttpConfigurer needs settings(...) outside an application context");
        }
        return context.getBean(PortalSecuritySettings.class);
    }

    /**
     * Sends a failed login back to the login page: {@code ?error} for every refusal alike, and
     * {@code ?busy} when hashing capacity ran out. Stores nothing in the session.
     */
    private record BackToLogin(String loginUrl, SiteRelativeRedirects redirects)
            implements AuthenticationFailureHandler {
        @Override
        public void onAuthenticationFailure(
                HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
                throws IOException {
            if (exception instanceof SignInRateLimitedException limited) {
                tooManyAttempts(request, response, limited, loginUrl, redirects);
                return;
            }
            String query = exception instanceof AuthenticationServiceException ? "?busy" : "?error";
            redirects.sendRedirect(request, response, loginUrl + query);
        }

        /**
         * Answers a client address or an email past its budget with {@code Retry-After}: 429 and JSON
         * when the client asks for JSON, otherwise 303 to the sign-in page saying that sign-in is
         * paused and offering the password reset. Known and unknown emails are answered alike.
         */
        private static void tooManyAttempts(
                HttpServletRequest request,
                HttpServletResponse response,
                SignInRateLimitedException limited,
                String loginUrl,
                SiteRelativeRedirects redirects)
                throws IOException {
            long seconds = limited.retryAfterSeconds();
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            String accept = request.getHeader(HttpHeaders.ACCEPT);
            if (accept != null && accept.contains(MediaType.APPLICATION_JSON_VALUE)) {
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                response.setCharacterEncoding("UTF-8");
                response.getWriter()
                        .write("{\"error\":\"" + (limited.forEmail() ? "sign_in_paused" : "too_many_attempts")
                                + "\",\"message\":\""
                                + (limited.forEmail() ? LoginResult.PAUSED_MESSAGE : LoginResult.RATE_LIMITED_MESSAGE)
                                + "\",\"retryAfterSeconds\":" + seconds + "}");
                return;
            }
            // a browser goes back to the sign-in page, which says for how long sign-in is paused and
            // offers "forgot password"; the status stays 429 only for clients that read it
            redirects.sendRedirect(request, response, loginUrl + "?paused=" + Math.max(1, (seconds + 59) / 60));
            response.setStatus(HttpStatus.SEE_OTHER.value());
        }
    }
}
