package io.portalinvite.spring.web;

import io.portalinvite.account.LoginService.LoginResult;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.spring.security.PortalUserDetails;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The portal's minimal login page ({@code portal.invite.web.login-url}, {@code /portal/login}) and
 * home page ({@code portal.invite.web.home-url}, {@code /portal/home}). Spring Security's portal
 * chain handles the login form's POST and the logout; these pages only show the forms. Every
 * failed login shows the same message.
 */
@Controller
public class PortalPagesController {

    /** Shown after a login the hashing bound refused. */
    static final String BUSY = "The portal is busy. Please try again in a few seconds.";

    /** Shown after logging out. */
    static final String LOGGED_OUT = "You have logged out.";

    private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);

    private final String loginUrl;
    private final String logoutUrl;

    /**
     * Creates the controller.
     *
     * @param loginUrl the login page's path (the form posts to it)
     * @param logoutUrl the path the logout form posts to
     */
    public PortalPagesController(String loginUrl, String logoutUrl) {
        this.loginUrl = Objects.requireNonNull(loginUrl, "loginUrl");
        this.logoutUrl = Objects.requireNonNull(logoutUrl, "logoutUrl");
    }

    /**
     * Shows the login form.
     *
     * @param error present after a refused login
     * @param busy present after a login refused because too many were running
     * @param logout present after logging out
     * @param email an address to fill in, as the registration page passes it
     * @param request for the CSRF token and the context path
     * @return the page
     */
    @GetMapping("${portal.invite.web.login-url:/portal/login}")
    public ResponseEntity<String> login(
            @RequestParam(name = "error", required = false) @Nullable String error,
            @RequestParam(name = "busy", required = false) @Nullable String busy,
            @RequestParam(name = "logout", required = false) @Nullable String logout,
            @RequestParam(name = "email", required = false) @Nullable String email,
            HttpServletRequest request) {
        String notice =
                busy != null ? BUSY : error != null ? LoginResult.FAILURE_MESSAGE : logout != null ? LOGGED_OUT : null;
        return ResponseEntity.ok()
                .contentType(HTML)
                .body(InvitationPages.login(
                        request.getContextPath() + loginUrl, Csrf.of(request), notice, email == null ? "" : email));
    }

    /**
     * Shows who is signed in.
     *
     * @param authentication the portal sign-in
     * @param request for the CSRF token and the context path
     * @return the page
     */
    @GetMapping("${portal.invite.web.home-url:/portal/home}")
    public ResponseEntity<String> home(@Nullable Authentication authentication, HttpServletRequest request) {
        if (authentication == null || !(authentication.getPrincipal() instanceof PortalUserDetails user)) {
            // only reachable without the portal's security chain: there is no portal sign-in to show
            return ResponseEntity.status(401)
                    .contentType(HTML)
                    .body(InvitationPages.message(
                            "Not signed in",
                            "Log in to the Patient Portal first.",
                            request.getContextPath() + loginUrl,
                            "Go to the login page"));
        }
        String masked = EmailAddress.of(user.getUsername()).masked();
        return ResponseEntity.ok()
                .contentType(HTML)
                .body(InvitationPages.home(
                        masked, user.patients().size(), request.getContextPath() + logoutUrl, Csrf.of(request)));
    }
}
