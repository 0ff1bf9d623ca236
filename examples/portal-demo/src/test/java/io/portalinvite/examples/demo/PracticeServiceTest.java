package io.portalinvite.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalinvite.PortalInvite;
import io.portalinvite.common.FieldViolation;
import io.portalinvite.common.ValidationException;
import io.portalinvite.examples.demo.patients.Demographics;
import io.portalinvite.examples.demo.patients.NewPatientBooking;
import io.portalinvite.examples.demo.patients.Patient;
import io.portalinvite.examples.demo.patients.PatientRepository;
import io.portalinvite.examples.demo.patients.PortalAccessView;
import io.portalinvite.examples.demo.patients.PracticeService;
import io.portalinvite.invitation.InviteResult.InviteOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The host service without a browser: one transaction for the practice's records and the
 * invitation, and the demographic toggle's on and off.
 */
@SpringBootTest(properties = "portal.invite.dispatcher.enabled=false")
class PracticeServiceTest {

    @Autowired
    PracticeService service;

    @Autowired
    PatientRepository patients;

    @Autowired
    PortalInvite portal;

    @Autowired
    Practice practice;

    @Test
    void bookNewPatientWhenTheCarersEmailIsInvalidThenNeitherPatientNorAppointmentIsSaved() {
        portal.settings().enable(practice.id(), practice.staff());
        long before = patients.count();
        NewPatientBooking booking = new NewPatientBooking(
                "Mia",
                "Lovelace",
                "2018-03-02",
                null,
                null,
                practice.today().toString(),
                "09:00",
                PracticeService.PRACTITIONERS.get(0),
                null,
                true,
                true,
                "Ada",
                "Lovelace",
                "PARENT",
                "not-an-email",
                null);

        assertThatThrownBy(() -> service.bookNewPatient(booking))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).violations())
                        .extracting(FieldViolation::field)
                        .containsExactly("carer.email"));

        assertThat(patients.count()).isEqualTo(before);
        assertThat(patients.search("lovelace")).isEmpty();
        assertThat(patients.appointmentsOn(practice.today()))
                .noneMatch(a -> a.patientName().equals("Mia Lovelace"));
    }

    @Test
    void bookNewPatientWithTheToggleWhenThePortalIsDisabledThenTheToggleIsNamedAndNothingIsSaved() {
        portal.settings().disable(practice.id(), practice.staff());
        long before = patients.count();
        NewPatientBooking booking = new NewPatientBooking(
                "Ravi",
                "Shankar",
                "1970-04-07",
                "ravi.shankar@example.org",
                null,
                practice.today().toString(),
                "09:00",
                PracticeService.PRACTITIONERS.get(0),
                null,
                true,
                false,
                null,
                null,
                null,
                null,
                null);

        assertThatThrownBy(() -> service.bookNewPatient(booking))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).violations())
                        .extracting(FieldViolation::field)
                        .containsExactly("sendPortalAccess"));
        assertThat(patients.count()).isEqualTo(before);
    }

    @Test
    void demographicToggleOnInvitesAndOffRevokesTheOpenInvitation() {
        portal.settings().enable(practice.id(), practice.staff());
        Patient alan = patients.search("turing").get(0);
        assertThat(service.accessOn(alan)).isFalse();

        PracticeService.Saved on = service.saveDemographics(alan.id(), Demographics.of(alan, true));
        assertThat(on.invite()).isNotNull();
        assertThat(on.invite().outcome()).isEqualTo(InviteOutcome.INVITED);
        assertThat(service.accessOn(alan)).isTrue();
        assertThat(service.accessView(alan).invitations())
                .singleElement()
                .satisfies(i -> assertThat(i.status()).isEqualTo("Sending"));

        PracticeService.Saved off = service.saveDemographics(alan.id(), Demographics.of(alan, false));
        assertThat(off.removed()).isTrue();
        assertThat(service.accessOn(alan)).isFalse();
        assertThat(service.accessView(alan).invitations()).singleElement().satisfies(i -> {
            assertThat(i.status()).isEqualTo("Revoked");
            assertThat(i.canResend()).isFalse();
            assertThat(i.events())
                    .extracting(PortalAccessView.Event::what)
                    .contains("Revoked by Dr Amelia Chen (practice admin)")
                    .noneMatch(what -> what.contains("staff:"));
        });
    }

    @Test
    void demographicToggleOnWithoutAnEmailNamesTheEmailAndSavesNothing() {
        portal.settings().enable(practice.id(), practice.staff());
        Patient noah = patients.search("noah").get(0);
        Demographics form =
                new Demographics("Noah", "Williams-Renamed", noah.dateOfBirth().toString(), null, null, true);

        assertThatThrownBy(() -> service.saveDemographics(noah.id(), form))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).violations())
                        .extracting(FieldViolation::field)
                        .contains("patient.email"));
        assertThat(patients.find(noah.id()).orElseThrow().familyName()).isEqualTo("Williams");
    }
}
