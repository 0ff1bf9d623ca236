package io.portalinvite.spring.web;

import io.portalinvite.PortalInvite;
import io.portalinvite.common.ConcurrentChangeException;
import io.portalinvite.common.ValidationException;
import io.portalinvite.invitation.InvitationPreview;
import io.portalinvite.invitation.RegistrationService.CompleteRegistration;
import io.portalinvite.invitation.RegistrationService.RegistrationResult;
import io.portalinvite.password.PasswordHasher.HashingCapacityExceededException;
import io.portalinvite.token.LinkToken.InvalidLinkException;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * JSON equivalents of the invitation page, for hosts with their own front end, under
 * {@code portal.invite.web.api-path} ({@code /portal/invitation/api}):
 * {@code GET /preview?token=…} returns a {@link Preview}; {@code POST /complete} with a
 * {@link Completion} body returns a {@link Completed}. Every unusable link gets the same 404
 * {@link Error} ({@code invalid_link}); refused input is a 422 {@link Error} listing
 * {@code {field, rule, message}} violations. The preview never uses up the link. The host's JSON
 * message converter (Jackson) writes and reads the bodies.
 */
@RestController
public class InvitationApiController {

    /** Error code of every unusable link. */
    public static final String INVALID_LINK = "invalid_link";

    private final PortalInvite portal;
    private final String loginUrl;

    /**
     * Creates the controller.
     *
     * @param portal the portal
     * @param loginUrl the login page, returned after registration
     */
    public InvitationApiController(PortalInvite portal, String loginUrl) {
        this.portal = Objects.requireNonNull(portal, "portal");
        this.loginUrl = Objects.requireNonNull(loginUrl, "loginUrl");
    }

    /**
     * What the invitation page shows.
     *
     * @param practiceName the practice's display name
     * @param inviteeFirstName the invitee's first name
     * @param maskedEmail the login email, masked
     * @param expiresAt when the link stops working (ISO-8601 instant)
     * @param inviteeKind PATIENT or CARER
     * @param patientFirstName for a carer, the patient's first name; otherwise null
     * @param dateOfBirthRequired whether {@code dateOfBirth} must be sent to complete
     */
    public record Preview(
            String practiceName,
            String inviteeFirstName,
            String maskedEmail,
            String expiresAt,
            String inviteeKind,
            @Nullable String patientFirstName,
            boolean dateOfBirthRequired) {}

    /**
     * The registration request.
     *
     * @param token the token from the link
     * @param password the chosen password
     * @param passwordConfirmation the password again
     * @param dateOfBirth the patient's date of birth (yyyy-MM-dd), when required
     */
    public record Completion(
            @Nullable String token,
            @Nullable String password,
            @Nullable String passwordConfirmation,
            @Nullable String dateOfBirth) {

        /** Hides the token and passwords. */
        @Override
        public String toString() {
            return "Completion[token=***, password=***]";
        }
    }

    /**
     * A completed registration. The user is not logged in.
     *
     * @param registered always true
     * @param newAccount false when an existing account gained the access
     * @param maskedEmail the login email, masked
     * @param loginUrl where to log in
     */
    public record Completed(boolean registered, boolean newAccount, String maskedEmail, String loginUrl) {}

    /**
     * One refused field.
     *
     * @param field the field's name
     * @param rule the rule's code
     * @param message a message to show next to the field
     */
    public record Violation(String field, String rule, String message) {}

    /**
     * An error.
     *
     * @param error a code: {@code invalid_link}, {@code validation_failed}, {@code conflict} or {@code busy}
     * @param message a message to show
     * @param violations the refused fields; empty unless {@code validation_failed}
     */
    public record Error(String error, String message, List<Violation> violations) {}

    /**
     * Returns the preview of an invitation.
     *
     * @param token the token from the link
     * @return 200 with a {@link Preview}, or 404 with the generic {@link Error}
     */
    @GetMapping("${portal.invite.web.api-path:/portal/invitation/api}/preview")
    public ResponseEntity<?> preview(@RequestParam(name = "token", required = false) @Nullable String token) {
        if (token == null) {
            return invalidLink();
        }
        try {
            InvitationPreview p = portal.registration().preview(token);
            return ResponseEntity.ok(new Preview(
                    p.practiceName(),
                    p.inviteeFirstName(),
                    p.maskedEmail(),
                    p.expiresAt().toString(),
                    p.inviteeKind().name(),
                    p.patientFirstName(),
                    p.dateOfBirthRequired()));
        } catch (InvalidLinkException e) {
            return invalidLink();
        }
    }

    /**
     * Completes registration.
     *
     * @param body the request
     * @return 200 with {@link Completed}; 404 (invalid link), 422 (validation), 409 or 503 with an {@link Error}
     */
    @PostMapping("${portal.invite.web.api-path:/portal/invitation/api}/complete")
    public ResponseEntity<?> complete(@RequestBody Completion body) {
        if (body.token() == null) {
            return invalidLink();
        }
        try {
            RegistrationResult result = portal.registration()
                    .complete(new CompleteRegistration(
                            body.token(),
                            body.password() == null ? "" : body.password(),
                            body.passwordConfirmation() == null ? "" : body.passwordConfirmation(),
                            FormValues.dateOfBirth(body.dateOfBirth())));
            return ResponseEntity.ok(
                    new Completed(true, result.newAccount(), result.email().masked(), loginUrl));
        } catch (InvalidLinkException e) {
            return invalidLink();
        } catch (ValidationException e) {
            return ResponseEntity.status(HttpStatusCode.valueOf(422))
                    .body(new Error(
                            "validation_failed",
                            "Some fields need attention.",
                            e.violations().stream()
                                    .map(v -> new Violation(v.field(), v.rule(), v.message()))
                                    .toList()));
        } catch (ConcurrentChangeException e) {
            return ResponseEntity.status(HttpStatus.CONFLICT)
                    .body(new Error(
                            "conflict",
                            "Something changed while your request was being handled. Open the link again.",
                            List.of()));
        } catch (HashingCapacityExceededException e) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, "5")
                    .body(new Error("busy", "The portal is busy. Please try again in a few seconds.", List.of()));
        }
    }

    /**
     * Returns the CSRF token a single-page front end sends back with each POST: the header (or form
     * field) name and the value. Without Spring Security there is none: 404.
     *
     * @param request the request
     * @return 200 with the token, or 404
     */
    @GetMapping("${portal.invite.web.api-path:/portal/invitation/api}/csrf")
    public ResponseEntity<?> csrf(jakarta.servlet.http.HttpServletRequest request) {
        Csrf.Field field = Csrf.of(request);
        if (field == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(new Error("no_csrf", "This application does not use CSRF tokens.", List.of()));
        }
        return ResponseEntity.ok(new CsrfToken(field.headerName(), field.name(), field.value()));
    }

    /**
     * The CSRF token for a single-page front end.
     *
     * @param headerName the header to send it in
     * @param parameterName the form field to send it in, instead
     * @param token the value
     */
    public record CsrfToken(String headerName, String parameterName, String token) {}

    private static ResponseEntity<Error> invalidLink() {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(new Error(INVALID_LINK, InvalidLinkException.MESSAGE, List.of()));
    }
}
