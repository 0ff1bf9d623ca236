package io.portalinvite.examples.demo.portal;

import io.portalinvite.examples.demo.Formats;
import io.portalinvite.examples.demo.Practice;
import io.portalinvite.examples.demo.patients.Patient;
import io.portalinvite.examples.demo.patients.PatientRepository;
import io.portalinvite.examples.demo.patients.PracticeService;
import io.portalinvite.spring.security.PortalUserDetails;
import io.portalinvite.spring.web.PortalHomeContent;
import io.portalinvite.spring.web.PortalHomePatient;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What the demo adds to the starter's portal home, shown by its
 * {@code templates/portal-invite/fragments/home-extra.html}: for each patient listed, how the user
 * may act for them, the date of birth and the upcoming appointments from the practice's records.
 */
@Component
public class PortalHomeAppointments implements PortalHomeContent {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.ENGLISH);

    private final PatientRepository patients;
    private final Practice practice;
    private final Formats formats;

    /**
     * Creates the content.
     *
     * @param patients the practice's records
     * @param practice the practice
     * @param formats how dates are shown
     */
    public PortalHomeAppointments(PatientRepository patients, Practice practice, Formats formats) {
        this.patients = patients;
        this.practice = practice;
        this.formats = formats;
    }

    /**
     * One listed patient's details from the practice's records.
     *
     * @param accessKind how the user acts for them ("Your own record", "Acting for Mia (proxy)")
     * @param badge "You", or "You are their parent"...
     * @param dateOfBirth the date of birth as shown
     * @param appointments upcoming appointments, each as "Mon 7 Dec, 09:30 · Dr Chen"
     */
    public record Card(String accessKind, String badge, String dateOfBirth, List<String> appointments) {}

    @Override
    public Map<String, ?> model(PortalUserDetails user, List<PortalHomePatient> listed) {
        LocalDateTime now = LocalDateTime.now(practice.zone());
        Map<String, Card> cards = new HashMap<>();
        for (PortalHomePatient p : listed) {
            Optional<Patient> record = Patient.idOf(p.access().patientId()).flatMap(patients::find);
            record.ifPresent(r -> cards.put(
                    p.patientId(),
                    new Card(
                            p.self() ? "Your own record" : "Acting for " + r.givenName() + " (proxy)",
                            p.self()
                                    ? "You"
                                    : "You are their "
                                            + PracticeService.relationship(
                                                    p.access().relationship()),
                            formats.date(r.dateOfBirth()),
                            patients.upcoming(r.id(), now).stream()
                                    .map(a -> WHEN.format(a.startsAt()) + " · " + a.practitioner())
                                    .toList())));
        }
        return Map.of("cards", cards);
    }
}
