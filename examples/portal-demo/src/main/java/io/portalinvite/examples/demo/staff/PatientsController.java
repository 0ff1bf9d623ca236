package io.portalinvite.examples.demo.staff;

import io.portalinvite.common.PortalInviteException;
import io.portalinvite.common.ValidationException;
import io.portalinvite.examples.demo.FieldErrors;
import io.portalinvite.examples.demo.Practice;
import io.portalinvite.examples.demo.patients.CarerInvite;
import io.portalinvite.examples.demo.patients.Demographics;
import io.portalinvite.examples.demo.patients.Patient;
import io.portalinvite.examples.demo.patients.PatientNotFoundException;
import io.portalinvite.examples.demo.patients.PatientRepository;
import io.portalinvite.examples.demo.patients.PracticeService;
import io.portalinvite.invitation.Invitation;
import io.portalinvite.invitation.InvitationClosedException;
import io.portalinvite.invitation.InviteResult;
import io.portalinvite.invitation.PatientStatus;
import io.portalinvite.invitation.ResendLimitExceededException;
import io.portalinvite.party.Relationship;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /staff/patients}: the Patients list with search, and each patient's demographic window
 * with the "Send Patient Portal Access via Email" toggle, the invitation status and history, and
 * resend.
 */
@Controller
public class PatientsController {

    private final PatientRepository patients;
    private final PracticeService service;
    private final Practice practice;

    /**
     * Creates the controller.
     *
     * @param patients the practice's records
     * @param service the host service
     * @param practice the practice
     */
    public PatientsController(PatientRepository patients, PracticeService service, Practice practice) {
        this.patients = patients;
        this.service = service;
        this.practice = practice;
    }

    /**
     * Lists patients with where each stands with the Patient Portal, filtered by a search and a state.
     *
     * @param q the search: name, email, mobile or patient number
     * @param status a {@link PatientStatus.State} name to list only those patients; blank for all
     * @param model the view model
     * @return the view
     */
    @GetMapping("/staff/patients")
    public String list(
            @RequestParam(name = "q", required = false) @Nullable String q,
            @RequestParam(name = "status", required = false) @Nullable String status,
            Model model) {
        List<Patient> found = patients.search(q);
        Map<Long, PatientStatus.State> states = service.statuses(found);
        PatientStatus.State only = state(status);
        List<Row> rows = new ArrayList<>();
        for (Patient p : found) {
            PatientStatus.State state = states.getOrDefault(p.id(), PatientStatus.State.NOT_INVITED);
            if (only == null || only == state) {
                rows.add(new Row(p, state, StatusLabel.of(state)));
            }
        }
        model.addAttribute("area", "staff");
        model.addAttribute("section", "patients");
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("status", only == null ? "" : only.name());
        model.addAttribute("statuses", StatusLabel.ALL);
        model.addAttribute("rows", rows);
        model.addAttribute("today", practice.today());
        return "staff/patients";
    }

    private static PatientStatus.@Nullable State state(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return PatientStatus.State.valueOf(raw.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * A row of the Patients list.
     *
     * @param patient the patient
     * @param state where the patient stands with the Patient Portal
     * @param label the state in words, with its style
     */
    public record Row(Patient patient, PatientStatus.State state, StatusLabel label) {}

    /**
     * Revokes one access grant; the patient's other grants stay (a parent keeps a second child).
     *
     * @param id the patient number
     * @param grantId the grant
     * @param redirect for the outcome message
     * @return a redirect back to the window
     */
    @PostMapping("/staff/patients/{id}/grants/{grantId}/revoke")
    public String revokeGrant(
            @PathVariable("id") long id, @PathVariable("grantId") String grantId, RedirectAttributes redirect) {
        service.revokeGrant(id, grantId);
        redirect.addFlashAttribute("noticeLines", List.of("Access revoked. The other people with access keep theirs."));
        return "redirect:/staff/patients/" + id + "#portal-access";
    }

    /**
     * Shows a patient's demographic window.
     *
     * @param id the patient number
     * @param model the view model
     * @return the view
     */
    @GetMapping("/staff/patients/{id}")
    public String show(@PathVariable("id") long id, Model model) {
        Patient patient = patients.find(id).orElseThrow(() -> new PatientNotFoundException(id));
        return window(model, patient, null, FieldErrors.none());
    }

    /**
     * Saves the demographic window: details, and the toggle (on invites, off revokes).
     *
     * @param id the patient number
     * @param form what staff typed
     * @param model the view model
     * @param response to answer 422 with errors
     * @param redirect for the outcome message
     * @return a redirect back, or the window with errors
     */
    @PostMapping("/staff/patients/{id}")
    public String save(
            @PathVariable("id") long id,
            @ModelAttribute Demographics form,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        PracticeService.Saved saved;
        try {
            saved = service.saveDemographics(id, form);
        } catch (ValidationException e) {
            Patient patient = patients.find(id).orElseThrow(() -> new PatientNotFoundException(id));
            response.setStatus(StaffForms.UNPROCESSABLE);
            FieldErrors errors = FieldErrors.of(e, StaffForms::inputName, StaffForms.PATIENT_LABELS);
            // the library asks for the patient's email when inviting by email: say so at the toggle too
            if (errors.has("email") && form.accessOn() && !errors.has("portalAccess")) {
                errors.add("portalAccess", "Patient Portal access needs the patient's email address.");
            }
            return window(model, patient, form, errors);
        }
        List<String> lines = new ArrayList<>();
        lines.add(saved.patient().fullName() + "'s details were saved.");
        if (saved.invite() != null) {
            lines.addAll(StaffForms.describe(saved.invite(), saved.patient().fullName()));
        }
        if (saved.removed()) {
            lines.add("Patient Portal access was turned off: open invitation links stop working and no one "
                    + "can act for " + saved.patient().givenName() + " in the portal any more.");
        }
        redirect.addFlashAttribute("noticeLines", lines);
        return "redirect:/staff/patients/" + id;
    }

    /**
     * Invites a carer or parent for an existing patient (the demographic window's carer fields).
     *
     * @param id the patient number
     * @param form the carer's details as typed
     * @param model the view model
     * @param response to answer 422 with errors
     * @param redirect for the outcome message
     * @return a redirect back to the window, or the window with errors
     */
    @PostMapping("/staff/patients/{id}/carer")
    public String inviteCarer(
            @PathVariable("id") long id,
            @ModelAttribute CarerInvite form,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Patient patient = patients.find(id).orElseThrow(() -> new PatientNotFoundException(id));
        InviteResult result;
        try {
            result = service.inviteCarer(id, form);
        } catch (ValidationException e) {
            response.setStatus(StaffForms.UNPROCESSABLE);
            model.addAttribute("carerForm", form);
            model.addAttribute("carerOpen", true);
            return window(model, patient, null, FieldErrors.of(e, StaffForms::inputName, StaffForms.PATIENT_LABELS));
        } catch (PortalInviteException e) {
            redirect.addFlashAttribute("problemLines", List.of("The carer could not be invited: " + e.getMessage()));
            return "redirect:/staff/patients/" + id;
        }
        redirect.addFlashAttribute("noticeLines", StaffForms.describe(result, patient.fullName()));
        return "redirect:/staff/patients/" + id + "#portal-access";
    }

    /**
     * Sends a new link for an invitation.
     *
     * @param id the patient number
     * @param invitationId the invitation
     * @param redirect for the outcome message
     * @return a redirect back to the window
     */
    @PostMapping("/staff/patients/{id}/invitations/{invitationId}/resend")
    public String resend(
            @PathVariable("id") long id,
            @PathVariable("invitationId") String invitationId,
            RedirectAttributes redirect) {
        try {
            Invitation invitation = service.resend(id, invitationId);
            redirect.addFlashAttribute(
                    "noticeLines",
                    List.of("A new link was sent to "
                            + invitation.invitee().email().value() + ". The previous link no longer works."));
        } catch (ResendLimitExceededException | InvitationClosedException e) {
            redirect.addFlashAttribute("problemLines", List.of(e.getMessage()));
        } catch (PortalInviteException e) {
            redirect.addFlashAttribute(
                    "problemLines", List.of("The invitation could not be resent: " + e.getMessage()));
        }
        return "redirect:/staff/patients/" + id;
    }

    private String window(Model model, Patient patient, @Nullable Demographics form, FieldErrors errors) {
        var access = service.accessView(patient);
        model.addAttribute("area", "staff");
        model.addAttribute("section", "patients");
        model.addAttribute("patient", patient);
        model.addAttribute("form", form == null ? Demographics.of(patient, access.on()) : form);
        model.addAttribute("errors", errors);
        if (!model.containsAttribute("carerForm")) {
            model.addAttribute("carerForm", CarerInvite.empty());
            model.addAttribute("carerOpen", false);
        }
        model.addAttribute("relationships", Relationship.values());
        model.addAttribute("access", access);
        model.addAttribute("portalEnabled", practice.settings().enabled());
        model.addAttribute("zone", practice.zone());
        model.addAttribute("today", practice.today());
        model.addAttribute(
                "appointments",
                patients.upcoming(
                        patient.id(),
                        LocalDateTime.now(practice.zone()).toLocalDate().atStartOfDay()));
        return "staff/patient";
    }
}
