package io.portalinvite.examples.demo.portal;

import io.portalinvite.account.PatientAccess;
import io.portalinvite.common.AccessKind;
import io.portalinvite.examples.demo.Practice;
import io.portalinvite.examples.demo.patients.Appointment;
import io.portalinvite.examples.demo.patients.Patient;
import io.portalinvite.examples.demo.patients.PatientRepository;
import io.portalinvite.examples.demo.patients.PracticeService;
import io.portalinvite.spring.security.PortalUserDetails;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /portal/home}: the patients the logged-in user may act for, themselves (SELF) and the people
 * they care for (PROXY), with each one's upcoming appointments from the practice's records.
 */
@Controller
public class PortalHomeController {

    private final PatientRepository patients;
    private final Practice practice;

    /**
     * Creates the controller.
     *
     * @param patients the practice's records
     * @param practice the practice
     */
    public PortalHomeController(PatientRepository patients, Practice practice) {
        this.patients = patients;
        this.practice = practice;
    }

    /**
     * One patient the user may act for.
     *
     * @param patient the practice's record
     * @param self whether it is the user's own record
     * @param relationship for a proxy, how the user is related ("parent"...)
     * @param appointments upcoming appointments
     */
    public record Card(Patient patient, boolean self, String relationship, List<Appointment> appointments) {}

    /**
     * Shows the portal home.
     *
     * @param user the logged-in portal user
     * @param model the view model
     * @return the view
     */
    @GetMapping("/portal/home")
    public String home(@AuthenticationPrincipal PortalUserDetails user, Model model) {
        LocalDate today = practice.today();
        LocalDateTime now = LocalDateTime.now(practice.zone());
        List<Card> cards = new ArrayList<>();
        for (PatientAccess access : user.patients()) {
            if (!access.practiceId().equals(practice.id()) || !access.isActive(today)) {
                continue;
            }
            Optional<Patient> patient = Patient.idOf(access.patientId()).flatMap(patients::find);
            patient.ifPresent(p -> cards.add(new Card(
                    p,
                    access.kind() == AccessKind.SELF,
                    PracticeService.relationship(access.relationship()),
                    patients.upcoming(p.id(), now))));
        }
        cards.sort(Comparator.comparing((Card c) -> !c.self())
                .thenComparing(c -> c.patient().fullName()));
        model.addAttribute("area", "portal");
        model.addAttribute("email", user.getUsername());
        model.addAttribute("cards", cards);
        model.addAttribute("today", today);
        return "patient/home";
    }
}
