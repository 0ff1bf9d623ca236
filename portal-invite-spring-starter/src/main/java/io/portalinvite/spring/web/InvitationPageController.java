package io.portalinvite.spring.web;

import io.portalinvite.PortalInvite;
import io.portalinvite.common.ConcurrentChangeException;
import io.portalinvite.common.InviteeKind;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.ValidationException;
import io.portalinvite.invitation.DateOfBirthMismatchException;
import io.portalinvite.invitation.InvitationPreview;
import io.portalinvite.invitation.RegistrationService.CompleteRegistration;
import io.portalinvite.invitation.RegistrationService.RegistrationResult;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.password.PasswordCheck.PasswordRejectedException;
import io.portalinvite.password.PasswordHasher.HashingCapacityExceededException;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.token.LinkToken.InvalidLinkException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The invitation page ({@code portal.invite.web.path}, {@code /portal/invitation}), rendered from the
 * {@code invitation}, {@code registered} and {@code link-not-valid} templates.
 *
 * <p>{@code GET ?token=…} shows who invited whom, the link's expiry in the practice's time zone, and
 * the form: a new password, or — when the invitee already has an account — that account's password,
 * asked up front; the patient's date of birth when the practice asks. Showing it never uses up the
 * link (mail scanners open links first). {@code POST} completes registration and redirects to
 * {@code …/done} (Post/Redirect/Get: a refresh changes nothing); refused input re-renders the form
 * with 422 and the errors next to their fields. Every unusable link gets the same page — except for
 * the person who used it: a used link posted again with that account's correct password (the tab
 * that lost a race, or the account holder opening an old email) is told the account exists and
 * sent to sign in.
 */
@Controller
public class InvitationPageController {

    /** Session attribute of the masked email just registered, for the confirmation page. */
    static final String REGISTERED_ATTRIBUTE = "PORTAL_INVITE_REGISTERED";

    private final PortalInvite portal;
    private final PortalPageRenderer pages;
    private final PracticeId practiceId;
    private final String path;

    /**
     * Creates the controller.
     *
     * @param portal the portal
     * @param pages renders the templates
     * @param practiceId the practice whose language and name the pages without a usable link use
     * @param path the page's path (the form posts back to it)
     */
    public InvitationPageController(PortalInvite portal, PortalPageRenderer pages, PracticeId practiceId, String path) {
        this.portal = Objects.requireNonNull(portal, "portal");
        this.pages = Objects.requireNonNull(pages, "pages");
        this.practiceId = Objects.requireNonNull(practiceId, "practiceId");
        this.path = Objects.requireNonNull(path, "path");
    }

    /**
     * Shows the invitation and the form, or the generic page when the link cannot be used.
     *
     * @param token the token from the link
     * @param timeout present when a form was posted after the session ended
     * @param request the request
     * @return the page
     */
    @GetMapping("${portal.invite.web.path:/portal/invitation}")
    public ResponseEntity<String> show(
            @RequestParam(name = "token", required = false) @Nullable String token,
            @RequestParam(name = "timeout", required = false) @Nullable String timeout,
            HttpServletRequest request) {
        if (token == null) {
            return invalidLink(request);
        }
        try {
            InvitationPreview preview = portal.registration().preview(token);
            boolean existing = portal.registration().invitesExistingAccount(token);
            Map<String, ?> kept = RequestContextUtils.getInputFlashMap(request);
            Object dateOfBirth = kept == null ? null : kept.get("dateOfBirth");
            PortalPageRenderer.Page page = form(request, preview, token, existing, FormErrors.none())
                    .with("dateOfBirthValue", dateOfBirth instanceof String s ? s : "");
            if (timeout != null) {
                page.with("notice", "notice.timeout");
            }
            return page.render(HttpStatus.OK, "invitation");
        } catch (InvalidLinkException e) {
            return invalidLink(request);
        }
    }

    /**
     * Completes registration from the submitted form, then redirects to the confirmation.
     *
     * @param token the token (hidden field)
     * @param password the chosen password, or the existing account's
     * @param passwordConfirmation the password again (new accounts only)
     * @param dateOfBirth the patient's date of birth as yyyy-MM-dd, when asked for
     * @param acceptedConsentVersion the privacy notice version ticked, when the practice has one
     * @param request the request
     * @return 303 to the confirmation; the form with errors (422); or another page
     */
    @PostMapping("${portal.invite.web.path:/portal/invitation}")
    public ResponseEntity<String> complete(
            @RequestParam(name = "token", required = false) @Nullable String token,
            @RequestParam(name = "password", required = false) @Nullable String password,
            @RequestParam(name = "passwordConfirmation", required = false) @Nullable String passwordConfirmation,
            @RequestParam(name = "dateOfBirth", required = false) @Nullable String dateOfBirth,
            @RequestParam(name = "acceptedConsentVersion", required = false) @Nullable String acceptedConsentVersion,
            HttpServletRequest request) {
        if (token == null) {
            return invalidLink(request);
        }
        String typed = password == null ? "" : password;
        try {
            boolean existing = portal.registration().invitesExistingAccount(token);
            RegistrationResult result = portal.registration()
                    .complete(new CompleteRegistration(
                            token,
                            typed,
                            // an existing account's password is typed once
                            existing ? typed : passwordConfirmation == null ? "" : passwordConfirmation,
                            FormValues.dateOfBirth(dateOfBirth),
                            acceptedConsentVersion));
            request.getSession()
                    .setAttribute(REGISTERED_ATTRIBUTE, result.email().masked());
            return seeOther(request, path + "/done");
        } catch (InvalidLinkException e) {
            Optional<EmailAddress> holder = portal.registration().holderOfUsedLink(token, typed);
            if (holder.isPresent()) {
                return alreadyRegistered(request, holder.get());
            }
            return invalidLink(request);
        } catch (DateOfBirthMismatchException e) {
            if (e.attemptsRemaining() == 0) {
                return message(request, HttpStatus.GONE, "dob-locked");
            }
            return rerender(token, e, dateOfBirth, request);
        } catch (ValidationException e) {
            return rerender(token, e, dateOfBirth, request);
        } catch (ConcurrentChangeException e) {
            // two tabs creating the same account at once: the one that lost is told so when it proves to be the same
            // person
            Optional<EmailAddress> holder = portal.registration().holderOfUsedLink(token, typed);
            if (holder.isPresent()) {
                return alreadyRegistered(request, holder.get());
            }
            return message(request, HttpStatus.CONFLICT, "conflict");
        } catch (HashingCapacityExceededException e) {
            ResponseEntity<String> busy = message(request, HttpStatus.SERVICE_UNAVAILABLE, "busy");
            return ResponseEntity.status(busy.getStatusCode())
                    .headers(busy.getHeaders())
                    .header(HttpHeaders.RETRY_AFTER, "5")
                    .body(busy.getBody());
        }
    }

    /**
     * The confirmation after registering; harmless to refresh or open again.
     *
     * @param request the request
     * @return the page
     */
    @GetMapping("${portal.invite.web.path:/portal/invitation}/done")
    public ResponseEntity<String> done(HttpServletRequest request) {
        var session = request.getSession(false);
        Object masked = session == null ? null : session.getAttribute(REGISTERED_ATTRIBUTE);
        PortalSettings practice = portal.settings().get(practiceId);
        return pages.page(
                        request,
                        practice.practice().locale(),
                        practice.practice().name())
                .with("maskedEmail", masked instanceof String s ? s : null)
                .with("alreadyRegistered", false)
                .render(HttpStatus.OK, "registered");
    }

    private ResponseEntity<String> alreadyRegistered(HttpServletRequest request, EmailAddress email) {
        PortalSettings practice = portal.settings().get(practiceId);
        return pages.page(
                        request,
                        practice.practice().locale(),
                        practice.practice().name())
                .with("maskedEmail", email.masked())
                .with("alreadyRegistered", true)
                .render(HttpStatus.OK, "registered");
    }

    private ResponseEntity<String> rerender(
            String token, ValidationException e, @Nullable String dateOfBirth, HttpServletRequest request) {
        InvitationPreview preview;
        boolean existing;
        try {
            preview = portal.registration().preview(token);
            existing = portal.registration().invitesExistingAccount(token);
        } catch (InvalidLinkException gone) {
            return invalidLink(request);
        }
        String guidance = e instanceof PasswordRejectedException ? "guidance.password" : null;
        return form(request, preview, token, existing, FormErrors.of(e))
                .with("guidance", guidance)
                .with("dateOfBirthValue", dateOfBirth == null ? "" : dateOfBirth)
                .render(HttpStatusCode.valueOf(422), "invitation");
    }

    private PortalPageRenderer.Page form(
            HttpServletRequest request,
            InvitationPreview preview,
            String token,
            boolean existingAccount,
            FormErrors errors) {
        boolean carer = preview.inviteeKind() == InviteeKind.CARER && preview.patientFirstName() != null;
        PortalPageRenderer.Page page = pages.page(request, preview.locale(), preview.practiceName());
        int minLength = portal.settings()
                .get(practiceId)
                .registration()
                .passwordPolicy()
                .minLength();
        return page.self(path + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))
                .with("action", request.getContextPath() + path)
                .with("preview", preview)
                .with("token", token)
                .with("carer", carer)
                .with("existingAccount", existingAccount)
                .with("expires", PortalPageRenderer.dateTime(preview.expiresAt(), preview.timeZone(), page.locale()))
                .with("errors", errors)
                .with("minLength", minLength)
                .with("guidance", null)
                .with("dateOfBirthValue", "");
    }

    private ResponseEntity<String> invalidLink(HttpServletRequest request) {
        PortalSettings practice = portal.settings().get(practiceId);
        return pages.page(
                        request,
                        practice.practice().locale(),
                        practice.practice().name())
                .render(HttpStatus.NOT_FOUND, "link-not-valid");
    }

    private ResponseEntity<String> message(HttpServletRequest request, HttpStatus status, String kind) {
        PortalSettings practice = portal.settings().get(practiceId);
        return pages.page(
                        request,
                        practice.practice().locale(),
                        practice.practice().name())
                .with("kind", kind)
                .with("status", status.value())
                .render(status, "error");
    }

    static ResponseEntity<String> seeOther(HttpServletRequest request, String target) {
        return ResponseEntity.status(HttpStatus.SEE_OTHER)
                .header(HttpHeaders.LOCATION, request.getContextPath() + target)
                .build();
    }
}
