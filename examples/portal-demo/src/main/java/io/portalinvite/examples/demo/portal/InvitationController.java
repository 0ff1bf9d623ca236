package io.portalinvite.examples.demo.portal;

import io.portalinvite.PortalInvite;
import io.portalinvite.common.ConcurrentChangeException;
import io.portalinvite.common.InviteeKind;
import io.portalinvite.common.ValidationException;
import io.portalinvite.examples.demo.FieldErrors;
import io.portalinvite.invitation.DateOfBirthMismatchException;
import io.portalinvite.invitation.InvitationPreview;
import io.portalinvite.invitation.RegistrationService.CompleteRegistration;
import io.portalinvite.invitation.RegistrationService.RegistrationResult;
import io.portalinvite.password.PasswordCheck.PasswordRejectedException;
import io.portalinvite.password.PasswordHasher.HashingCapacityExceededException;
import io.portalinvite.token.LinkToken.InvalidLinkException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /portal/invitation}: the page an invitation link opens. GET shows the preview and the form
 * (it never uses up the link: mail scanners open links too); POST sets the password, checking the
 * patient's date of birth when the practice asks. Every unusable link gets the same page. This is the
 * demo's own version of the starter's optional page, in the demo's layout.
 */
@Controller
public class InvitationController {

    private static final Map<String, String> LABELS = Map.of(
            "password", "Password",
            "passwordConfirmation", "Password again",
            "dateOfBirth", "Date of birth");

    private final PortalInvite portal;

    /**
     * Creates the controller.
     *
     * @param portal the portal
     */
    public InvitationController(PortalInvite portal) {
        this.portal = portal;
    }

    /**
     * Shows the invitation.
     *
     * @param token the token from the link
     * @param model the view model
     * @param response for the 404 of an unusable link
     * @return the view
     */
    @GetMapping("/portal/invitation")
    public String show(
            @RequestParam(name = "token", required = false) @Nullable String token,
            Model model,
            HttpServletResponse response) {
        if (token == null) {
            return invalid(model, response);
        }
        try {
            return form(model, portal.registration().preview(token), token, FieldErrors.none());
        } catch (InvalidLinkException e) {
            return invalid(model, response);
        }
    }

    /**
     * Completes registration.
     *
     * @param token the token (hidden field)
     * @param password the chosen password
     * @param passwordConfirmation the password again
     * @param dateOfBirth the patient's date of birth, yyyy-MM-dd, when asked for
     * @param model the view model
     * @param response for error statuses
     * @return the success page, the form with errors, or the unusable-link page
     */
    @PostMapping("/portal/invitation")
    public String complete(
            @RequestParam(name = "token", required = false) @Nullable String token,
            @RequestParam(name = "password", required = false) @Nullable String password,
            @RequestParam(name = "passwordConfirmation", required = false) @Nullable String passwordConfirmation,
            @RequestParam(name = "dateOfBirth", required = false) @Nullable String dateOfBirth,
            Model model,
            HttpServletResponse response) {
        if (token == null) {
            return invalid(model, response);
        }
        model.addAttribute("area", "portal");
        // typed again after a wrong password; kept when it was the date that was wrong, too
        model.addAttribute("dateOfBirthValue", dateOfBirth == null ? "" : dateOfBirth);
        try {
            LocalDate dob = dateOfBirth(dateOfBirth);
            RegistrationResult result = portal.registration()
                    .complete(new CompleteRegistration(
                            token,
                            password == null ? "" : password,
                            passwordConfirmation == null ? "" : passwordConfirmation,
                            dob));
            model.addAttribute("email", result.email().value());
            model.addAttribute("maskedEmail", result.email().masked());
            model.addAttribute("newAccount", result.newAccount());
            return "portal/registered";
        } catch (InvalidLinkException e) {
            return invalid(model, response);
        } catch (DateOfBirthMismatchException e) {
            if (e.attemptsRemaining() == 0) {
                response.setStatus(HttpStatus.GONE.value());
                model.addAttribute("title", "This invitation link no longer works");
                model.addAttribute(
                        "message",
                        "The date of birth did not match the practice's records. For your "
                                + "security this link no longer works; please contact the practice for a new one.");
                return "portal/message";
            }
            return rerender(token, e, model, response);
        } catch (PasswordRejectedException e) {
            model.addAttribute("guidance", e.guidance());
            return rerender(token, e, model, response);
        } catch (ValidationException e) {
            return rerender(token, e, model, response);
        } catch (ConcurrentChangeException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("title", "Please try again");
            model.addAttribute(
                    "message",
                    "Something changed while your request was being handled. Open the link " + "again to continue.");
            return "portal/message";
        } catch (HashingCapacityExceededException e) {
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            response.setHeader("Retry-After", "5");
            model.addAttribute("title", "Please try again");
            model.addAttribute("message", "The portal is busy. Please try again in a few seconds.");
            return "portal/message";
        }
    }

    private String rerender(String token, ValidationException e, Model model, HttpServletResponse response) {
        InvitationPreview preview;
        try {
            preview = portal.registration().preview(token);
        } catch (InvalidLinkException gone) {
            return invalid(model, response);
        }
        response.setStatus(422);
        return form(model, preview, token, FieldErrors.of(e, f -> LABELS.containsKey(f) ? f : null, LABELS));
    }

    private String form(Model model, InvitationPreview preview, String token, FieldErrors errors) {
        boolean carer = preview.inviteeKind() == InviteeKind.CARER && preview.patientFirstName() != null;
        model.addAttribute("area", "portal");
        model.addAttribute("preview", preview);
        model.addAttribute("token", token);
        model.addAttribute("errors", errors);
        if (!model.containsAttribute("dateOfBirthValue")) {
            model.addAttribute("dateOfBirthValue", "");
        }
        model.addAttribute("carer", carer);
        model.addAttribute("dobLabel", carer ? preview.patientFirstName() + "'s date of birth" : "Your date of birth");
        model.addAttribute(
                "expires",
                DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                        .withLocale(preview.locale())
                        .withZone(preview.timeZone())
                        .format(preview.expiresAt()));
        return "portal/invitation";
    }

    private static String invalid(Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        model.addAttribute("area", "portal");
        model.addAttribute("title", "This invitation link is not valid");
        model.addAttribute("message", InvalidLinkException.MESSAGE);
        return "portal/message";
    }

    private static @Nullable LocalDate dateOfBirth(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new ValidationException("dateOfBirth", "date.syntax", "must be a date such as 1990-05-17");
        }
    }
}
