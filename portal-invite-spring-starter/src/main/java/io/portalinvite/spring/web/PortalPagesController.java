package io.portalinvite.spring.web;

import io.portalinvite.PortalInvite;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.ValidationException;
import io.portalinvite.password.PasswordCheck.PasswordRejectedException;
import io.portalinvite.password.PasswordHasher.HashingCapacityExceededException;
import io.portalinvite.reset.PasswordResetService.CompletePasswordReset;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.token.LinkToken.InvalidLinkException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The portal's pages besides the invitation and the home page: sign-in
 * ({@code portal.invite.web.login-url}), forgot password ({@code <base>/forgot-password}), set a new
 * password from the emailed link ({@code <base>/password-reset}, where the practices' reset links
 * point by default) and the style sheet ({@code <base>/assets/portal.css}, the theme's colour
 * included). Spring Security's portal chain handles the sign-in form's POST and the sign-out; every
 * other POST here redirects to a GET when it succeeds (Post/Redirect/Get).
 */
@Controller
public class PortalPagesController {

    /** The portal's style sheet, below the base path. */
    public static final String STYLE_SHEET = "/assets/portal.css";

    private final PortalInvite portal;
    private final PortalPageRenderer pages;
    private final PracticeId practiceId;
    private final String basePath;
    private final String loginUrl;
    private final String css;

    /**
     * Creates the controller.
     *
     * @param portal the portal
     * @param pages renders the templates
     * @param practiceId the practice whose language, name and reset emails these pages use
     * @param basePath the portal's base path
     * @param loginUrl the sign-in page's path (the form posts to it)
     * @param theme the colours the style sheet starts with
     */
    public PortalPagesController(
            PortalInvite portal,
            PortalPageRenderer pages,
            PracticeId practiceId,
            String basePath,
            String loginUrl,
            PortalTheme theme) {
        this.portal = Objects.requireNonNull(portal, "portal");
        this.pages = Objects.requireNonNull(pages, "pages");
        this.practiceId = Objects.requireNonNull(practiceId, "practiceId");
        this.basePath = Objects.requireNonNull(basePath, "basePath");
        this.loginUrl = Objects.requireNonNull(loginUrl, "loginUrl");
        this.css = ":root{--pi-primary:" + theme.primary() + ";--pi-on-primary:" + theme.textOnPrimary() + "}\n"
                + styleSheet();
    }

    /**
     * Shows the sign-in form.
     *
     * @param error present after a refused sign-in
     * @param busy present after a sign-in refused because too many were running
     * @param logout present after signing out
     * @param timeout present after a form posted once the session had ended
     * @param paused minutes sign-in is paused for, after too many attempts
     * @param reset present after a new password was set
     * @param email an address to fill in
     * @param request the request
     * @return the page
     */
    @GetMapping("${portal.invite.web.login-url:/portal/login}")
    public ResponseEntity<String> login(
            @RequestParam(name = "error", required = false) @Nullable String error,
            @RequestParam(name = "busy", required = false) @Nullable String busy,
            @RequestParam(name = "logout", required = false) @Nullable String logout,
            @RequestParam(name = "timeout", required = false) @Nullable String timeout,
            @RequestParam(name = "paused", required = false) @Nullable String paused,
            @RequestParam(name = "reset", required = false) @Nullable String reset,
            @RequestParam(name = "email", required = false) @Nullable String email,
            HttpServletRequest request) {
        String notice = null;
        String problem = null;
        if (busy != null) {
            problem = "signin.busy";
        } else if (paused != null) {
            problem = "signin.paused";
        } else if (error != null) {
            problem = "signin.failed";
        } else if (timeout != null) {
            problem = "notice.timeout";
        } else if (logout != null) {
            notice = "signin.signed-out";
        } else if (reset != null) {
            notice = "signin.password-changed";
        }
        return practicePage(request)
                .with("action", request.getContextPath() + loginUrl)
                .with("notice", notice)
                .with("problem", problem)
                .with("pausedMinutes", minutes(paused))
                .with("email", email == null ? kept(request, "email") : email)
                .render(HttpStatus.OK, "sign-in");
    }

    /**
     * Shows the forgot-password form, or that the email is on its way.
     *
     * @param sent present after the form was sent
     * @param timeout present after a form posted once the session had ended
     * @param request the request
     * @return the page
     */
    @GetMapping("${portal.invite.web.base-path:/portal}/forgot-password")
    public ResponseEntity<String> forgotPassword(
            @RequestParam(name = "sent", required = false) @Nullable String sent,
            @RequestParam(name = "timeout", required = false) @Nullable String timeout,
            HttpServletRequest request) {
        return practicePage(request)
                .with("action", request.getContextPath() + basePath + "/forgot-password")
                .with("sent", sent != null)
                .with("problem", timeout != null ? "notice.timeout" : null)
                .with("email", kept(request, "email"))
                .render(HttpStatus.OK, "forgot-password");
    }

    /**
     * Asks for a reset link; the answer is the same whether or not the address has an account.
     *
     * @param email the address typed
     * @param request the request
     * @return 303 to the "email sent" page
     */
    @PostMapping("${portal.invite.web.base-path:/portal}/forgot-password")
    public ResponseEntity<String> requestReset(
            @RequestParam(name = "email", required = false) @Nullable String email, HttpServletRequest request) {
        if (email == null || email.isBlank()) {
            return practicePage(request)
                    .with("action", request.getContextPath() + basePath + "/forgot-password")
                    .with("sent", false)
                    .with("problem", null)
                    .with("email", "")
                    .with("errors", FormErrors.field("email", "error.required.email"))
                    .render(HttpStatusCode.valueOf(422), "forgot-password");
        }
        portal.passwordReset().request(practiceId, email.strip());
        return InvitationPageController.seeOther(request, basePath + "/forgot-password?sent");
    }

    /**
     * Shows the form for a new password, from the emailed link. Showing it never uses up the link.
     *
     * @param token the token from the link
     * @param timeout present after a form posted once the session had ended
     * @param request the request
     * @return the page
     */
    @GetMapping("${portal.invite.web.base-path:/portal}/password-reset")
    public ResponseEntity<String> resetForm(
            @RequestParam(name = "token", required = false) @Nullable String token,
            @RequestParam(name = "timeout", required = false) @Nullable String timeout,
            HttpServletRequest request) {
        if (token == null || token.isBlank()) {
            return practicePage(request).render(HttpStatus.NOT_FOUND, "link-not-valid");
        }
        return resetPage(request, token, FormErrors.none())
                .with("problem", timeout != null ? "notice.timeout" : null)
                .render(HttpStatus.OK, "reset-password");
    }

    /**
     * Sets the new password, then redirects to sign-in.
     *
     * @param token the token from the link
     * @param password the new password
     * @param passwordConfirmation the new password again
     * @param request the request
     * @return 303 to sign-in; the form with errors (422); or the generic page for an unusable link
     */
    @PostMapping("${portal.invite.web.base-path:/portal}/password-reset")
    public ResponseEntity<String> reset(
            @RequestParam(name = "token", required = false) @Nullable String token,
            @RequestParam(name = "password", required = false) @Nullable String password,
            @RequestParam(name = "passwordConfirmation", required = false) @Nullable String passwordConfirmation,
            HttpServletRequest request) {
        if (token == null || token.isBlank()) {
            return practicePage(request).render(HttpStatus.NOT_FOUND, "link-not-valid");
        }
        try {
            portal.passwordReset()
                    .complete(new CompletePasswordReset(
                            token,
                            password == null ? "" : password,
                            passwordConfirmation == null ? "" : passwordConfirmation));
            return InvitationPageController.seeOther(request, loginUrl + "?reset");
        } catch (InvalidLinkException e) {
            return practicePage(request).render(HttpStatus.NOT_FOUND, "link-not-valid");
        } catch (ValidationException e) {
            return resetPage(request, token, FormErrors.of(e))
                    .with("problem", null)
                    .with("guidance", e instanceof PasswordRejectedException ? "guidance.password" : null)
                    .render(HttpStatusCode.valueOf(422), "reset-password");
        } catch (HashingCapacityExceededException e) {
            ResponseEntity<String> busy = practicePage(request)
                    .with("kind", "busy")
                    .with("status", 503)
                    .render(HttpStatus.SERVICE_UNAVAILABLE, "error");
            return ResponseEntity.status(busy.getStatusCode())
                    .headers(busy.getHeaders())
                    .header(HttpHeaders.RETRY_AFTER, "5")
                    .body(busy.getBody());
        }
    }

    /**
     * The portal's style sheet: the theme's colours, then the starter's styles. A static resource, so
     * the pages need no inline style under the strict Content-Security-Policy.
     *
     * @return the CSS
     */
    @GetMapping("${portal.invite.web.base-path:/portal}" + STYLE_SHEET)
    public ResponseEntity<String> styleSheetResponse() {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "css", StandardCharsets.UTF_8))
                .body(css);
    }

    private PortalPageRenderer.Page resetPage(HttpServletRequest request, String token, FormErrors errors) {
        PortalSettings practice = portal.settings().get(practiceId);
        return practicePage(request)
                .self(basePath + "/password-reset?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))
                .with("action", request.getContextPath() + basePath + "/password-reset")
                .with("token", token)
                .with("errors", errors)
                .with("guidance", null)
                .with("minLength", practice.registration().passwordPolicy().minLength());
    }

    private PortalPageRenderer.Page practicePage(HttpServletRequest request) {
        PortalSettings practice = portal.settings().get(practiceId);
        return pages.page(
                        request,
                        practice.practice().locale(),
                        practice.practice().name())
                .with("errors", FormErrors.none())
                .with("problem", null);
    }

    private static String kept(HttpServletRequest request, String name) {
        Map<String, ?> flash = RequestContextUtils.getInputFlashMap(request);
        return flash != null && flash.get(name) instanceof String value ? value : "";
    }

    private static int minutes(@Nullable String value) {
        if (value == null) {
            return 1;
        }
        try {
            return Math.max(1, Math.min(24 * 60, Integer.parseInt(value.strip())));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static String styleSheet() {
        try (var in = PortalPagesController.class.getResourceAsStream("/portal-invite/portal.css")) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
