package io.portalinvite.examples.demo.staff;

import io.portalinvite.PortalInvite;
import io.portalinvite.common.ValidationException;
import io.portalinvite.examples.demo.FieldErrors;
import io.portalinvite.examples.demo.Practice;
import io.portalinvite.settings.PortalSettings;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** {@code /staff/settings}: Patient Portal Settings and a preview of the messages they produce. */
@Controller
public class SettingsController {

    /** The link lifetimes offered, from the strictest to the longest the library allows. */
    static final Map<String, String> LIFETIMES = lifetimes();

    private static final Map<String, String> LABELS = Map.of(
            "practiceName", "Practice name",
            "invitationLinkBase", "Invitation link address",
            "invitationLifetime", "Invitation link lifetime");

    private final PortalInvite portal;
    private final Practice practice;

    /**
     * Creates the controller.
     *
     * @param portal the portal
     * @param practice the practice and staff member
     */
    public SettingsController(PortalInvite portal, Practice practice) {
        this.portal = portal;
        this.practice = practice;
    }

    /**
     * Shows the settings.
     *
     * @param carer whether the preview shows the carer's wording
     * @param model the view model
     * @return the view
     */
    @GetMapping("/staff/settings")
    public String show(@RequestParam(name = "preview", required = false) @Nullable String carer, Model model) {
        return page(model, SettingsForm.of(practice.settings()), FieldErrors.none(), "carer".equals(carer));
    }

    /**
     * Saves the settings.
     *
     * @param form what staff typed
     * @param model the view model
     * @param response to answer 422 with errors
     * @param redirect for the saved message
     * @return a redirect, or the form with errors
     */
    @PostMapping("/staff/settings")
    public String save(
            @ModelAttribute SettingsForm form, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        PortalSettings before = practice.settings();
        try {
            PortalSettings.Builder settings = before.toBuilder()
                    .enabled(Boolean.TRUE.equals(form.enabled()))
                    .practiceName(form.practiceName() == null ? "" : form.practiceName())
                    .smsNotice(Boolean.TRUE.equals(form.smsNotice()))
                    .dateOfBirthCheck(Boolean.TRUE.equals(form.dateOfBirthCheck()))
                    .invitationLinkBase(
                            form.invitationLinkBase() == null
                                    ? ""
                                    : form.invitationLinkBase().strip());
            settings.invitationLifetime(lifetime(form.invitationLifetime()));
            portal.settings().save(settings.build(), practice.staff());
        } catch (ValidationException e) {
            response.setStatus(StaffForms.UNPROCESSABLE);
            FieldErrors errors = FieldErrors.of(
                    e, field -> field.startsWith("settings.") ? field.substring("settings.".length()) : null, LABELS);
            return page(model, form, errors, false);
        }
        boolean enabled = Boolean.TRUE.equals(form.enabled());
        redirect.addFlashAttribute(
                "notice",
                enabled == before.enabled()
                        ? "Portal Settings saved."
                        : enabled
                                ? "Portal Settings saved. The Patient Portal is now enabled: staff can send access."
                                : "Portal Settings saved. The Patient Portal is now disabled: open links stop working.");
        return "redirect:/staff/settings";
    }

    private String page(Model model, SettingsForm form, FieldErrors errors, boolean carerPreview) {
        model.addAttribute("area", "staff");
        model.addAttribute("section", "settings");
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("lifetimes", LIFETIMES);
        model.addAttribute("carerPreview", carerPreview);
        model.addAttribute("preview", portal.templates().preview(practice.id(), carerPreview));
        return "staff/settings";
    }

    private static Duration lifetime(@Nullable String value) {
        if (value == null || !LIFETIMES.containsKey(value)) {
            throw new ValidationException("settings.invitationLifetime", "required", "must be one of the choices");
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new ValidationException("settings.invitationLifetime", "required", "must be one of the choices");
        }
    }

    private static Map<String, String> lifetimes() {
        Map<String, String> lifetimes = new LinkedHashMap<>();
        lifetimes.put(Duration.ofMinutes(15).toString(), "15 minutes");
        lifetimes.put(Duration.ofHours(1).toString(), "1 hour");
        lifetimes.put(Duration.ofHours(24).toString(), "24 hours (strict: NIST's figure for emailed codes)");
        lifetimes.put(Duration.ofDays(3).toString(), "3 days");
        lifetimes.put(Duration.ofDays(7).toString(), "7 days (default, with the date-of-birth check)");
        return Collections.unmodifiableMap(lifetimes);
    }
}
