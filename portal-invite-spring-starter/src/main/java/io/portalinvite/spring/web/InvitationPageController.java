package io.portalinvite.spring.web;

import io.portalinvite.PortalInvite;
import io.portalinvite.common.ConcurrentChangeException;
import io.portalinvite.common.FieldViolation;
import io.portalinvite.common.ValidationException;
import io.portalinvite.invitation.DateOfBirthMismatchException;
import io.portalinvite.invitation.InvitationPreview;
import io.portalinvite.invitation.RegistrationService.CompleteRegistration;
import io.portalinvite.invitation.RegistrationService.RegistrationResult;
import io.portalinvite.password.PasswordCheck.PasswordRejectedException;
import io.portalinvite.password.PasswordHasher.HashingCapacityExceededException;
import io.portalinvite.token.LinkToken.InvalidLinkException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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

/**
 * The invitation page, rendered on the server: {@code GET {path}?token=…} shows the invitation and a
 * form (password, confirmation, date of birth when the practice asks for it, Spring Security's CSRF
 * token when present); {@code POST {path}} completes registration and links to the login page (the
 * invitee is not logged in automatically). The path is {@code portal.invite.web.path}
 * ({@code /portal/invitation}).
 *
 * <p>Showing the page never uses up the link (mail scanners open links first); the library records
 * only that it was viewed. Every unusable link — unknown, expired, used, revoked, malformed — gets
 * the same 404 page. Field errors are shown next to their fields and never mention other accounts.
 */
@Controller
public class InvitationPageController {

    private static final MediaType HTML = new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8);
    private static final Set<String> FORM_FIELDS = Set.of("password", "passwordConfirmation", "dateOfBirth");

    private final PortalInvite portal;
    private final String path;
    private final String loginUrl;

    /**
     * Creates the controller.
     *
     * @param portal the portal
     * @param path the page's path (the form posts back to it)
     * @param loginUrl where the success page links to
     */
    public InvitationPageController(PortalInvite portal, String path, String loginUrl) {
        this.portal = Objects.requireNonNull(portal, "portal");
        this.path = Objects.requireNonNull(path, "path");
        this.loginUrl = Objects.requireNonNull(loginUrl, "loginUrl");
    }

    /**
     * Shows the invitation and the form, or the generic page when the link cannot be used.
     *
     * @param token the token from the link
     * @param request the request, for the CSRF token and context path
     * @return the page
     */
    @GetMapping("${portal.invite.web.path:/portal/invitation}")
    public ResponseEntity<String> show(
            @RequestParam(name = "token", required = false) @Nullable String token, HttpServletRequest request) {
        if (token == null) {
            return invalidLink();
        }
        try {
            InvitationPreview preview = portal.registration().preview(token);
            return html(
                    HttpStatus.OK,
                    InvitationPages.form(preview, token, action(request), Csrf.of(request), Map.of(), List.of(), null));
        } catch (InvalidLinkException e) {
            return invalidLink();
        }
    }

    /**
     * Completes registration from the submitted form.
     *
     * @param token the token (hidden field)
     * @param password the chosen password
     * @param passwordConfirmation the password again
     * @param dateOfBirth the patient's date of birth as yyyy-MM-dd, when asked for
     * @param request the request, for the CSRF token and context path
     * @return the success page, the form with errors (422), or the generic page
     */
    @PostMapping("${portal.invite.web.path:/portal/invitation}")
    public ResponseEntity<String> complete(
            @RequestParam(name = "token", required = false) @Nullable String token,
            @RequestParam(name = "password", required = false) @Nullable String password,
            @RequestParam(name = "passwordConfirmation", required = false) @Nullable String passwordConfirmation,
            @RequestParam(name = "dateOfBirth", required = false) @Nullable String dateOfBirth,
            HttpServletRequest request) {
        if (token == null) {
            return invalidLink();
        }
        try {
            LocalDate dob = InvitationPages.dateOfBirth(dateOfBirth);
            RegistrationResult result = portal.registration()
                    .complete(new CompleteRegistration(
                            token,
                            password == null ? "" : password,
                            passwordConfirmation == null ? "" : passwordConfirmation,
                            dob));
            return html(HttpStatus.OK, InvitationPages.registered(result.email().masked(), loginUrl));
        } catch (InvalidLinkException e) {
            return invalidLink();
        } catch (DateOfBirthMismatchException e) {
            if (e.attemptsRemaining() == 0) {
                return html(
                        HttpStatus.GONE,
                        InvitationPages.message(
                                "Invitation link no longer works",
                                "The date of birth did not match our records. For your security this link no longer "
                                        + "works; please contact your practice for a new one.",
                                null,
                                null));
            }
            return rerender(token, e, request);
        } catch (ValidationException e) {
            return rerender(token, e, request);
        } catch (ConcurrentChangeException e) {
            return html(
                    HttpStatus.CONFLICT,
                    InvitationPages.message(
                            "Please try again",
                            "Something changed while your request was being handled. Open the link again to continue.",
                            null,
                            null));
        } catch (HashingCapacityExceededException e) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .contentType(HTML)
                    .header(HttpHeaders.RETRY_AFTER, "5")
                    .body(InvitationPages.message(
                            "Please try again",
                            "The portal is busy. Please try again in a " + "few seconds.",
                            null,
                            null));
        }
    }

    private ResponseEntity<String> rerender(String token, ValidationException e, HttpServletRequest request) {
        InvitationPreview preview;
        try {
            preview = portal.registration().preview(token);
        } catch (InvalidLinkException gone) {
            return invalidLink();
        }
        Map<String, List<String>> errors = new LinkedHashMap<>();
        List<String> general = new ArrayList<>();
        for (FieldViolation v : e.violations()) {
            if (FORM_FIELDS.contains(v.field())) {
                errors.computeIfAbsent(v.field(), k -> new ArrayList<>()).add(v.message());
            } else {
                general.add(v.message());
            }
        }
        String guidance = e instanceof PasswordRejectedException rejected ? rejected.guidance() : null;
        return html(
                HttpStatusCode.valueOf(422),
                InvitationPages.form(preview, token, action(request), Csrf.of(request), errors, general, guidance));
    }

    private String action(HttpServletRequest request) {
        return request.getContextPath() + path;
    }

    private static ResponseEntity<String> invalidLink() {
        return html(HttpStatus.NOT_FOUND, InvitationPages.invalidLink());
    }

    private static ResponseEntity<String> html(HttpStatusCode status, String body) {
        return ResponseEntity.status(status).contentType(HTML).body(body);
    }
}
