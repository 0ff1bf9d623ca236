package io.portalinvite.examples.quarkus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalinvite.PortalInvite;
import io.portalinvite.common.PatientId;
import io.portalinvite.common.PracticeId;
import io.portalinvite.event.PortalEvent;
import io.portalinvite.invitation.InviteResult;
import io.portalinvite.invitation.InviteResult.InviteOutcome;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The booking service's {@code @Transactional} save on Quarkus (Narayana, Agroal, PostgreSQL): a
 * commit stores the patient and the invitation, lets the dispatcher send the email and SMS notice
 * and tells listeners; a rollback leaves no patient, no invitation, nothing to send and no event.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class BookingServiceTest {

    private static final PracticeId PRACTICE = PracticeId.of("sunrise-clinic");

    @Inject
    BookingService booking;

    @Inject
    PortalInvite portal;

    @Inject
    PortalEvents events;

    @Inject
    Mailbox mailbox;

    @Inject
    DataSource dataSource;

    @Test
    void addPatientAtBookingWhenTransactionCommitsThenStoredSentAndEventAfterCommit() throws SQLException {
        int heardBefore = events.heard().size();

        InviteResult invited = booking.addPatientAtBooking(
                "PT-3001", "Ada", "Lovelace", "ada.lovelace@example.org", LocalDateTime.of(2027, 3, 1, 9, 0));

        assertThat(invited.outcome()).isEqualTo(InviteOutcome.INVITED);
        assertThat(count("SELECT COUNT(*) FROM patient WHERE id = 'PT-3001'")).isEqualTo(1);
        assertThat(portal.invitations().history(PRACTICE, PatientId.of("PT-3001")))
                .hasSize(1);
        assertThat(events.heard().subList(heardBefore, events.heard().size()))
                .singleElement()
                .isInstanceOf(PortalEvent.InvitationCreated.class);
        assertThat(portal.dispatcher().drain()).isEqualTo(2);
        assertThat(mailbox.sent()).contains("email to ada.lovelace@example.org");
    }

    @Test
    void addPatientAtBookingWhenSlotTakenThenRolledBackNothingStoredNothingSentNoEvent() throws SQLException {
        LocalDateTime ten = LocalDateTime.of(2027, 3, 1, 10, 0);
        booking.addPatientAtBooking("PT-3002", "Alan", "Turing", "alan.turing@example.org", ten);
        portal.dispatcher().drain();
        int heardBefore = events.heard().size();
        int sentBefore = mailbox.sent().size();

        assertThatThrownBy(() ->
                        booking.addPatientAtBooking("PT-3003", "Grace", "Hopper", "grace.hopper@example.org", ten))
                .isInstanceOf(SlotTakenException.class);

        assertThat(count("SELECT COUNT(*) FROM patient WHERE id = 'PT-3003'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM pi_invitation WHERE patient_id = 'PT-3003'"))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM pi_outbox WHERE recipient LIKE '%grace%'"))
                .isZero();
        assertThat(portal.dispatcher().drain()).isZero();
        assertThat(mailbox.sent()).hasSize(sentBefore);
        assertThat(events.heard()).hasSize(heardBefore);
    }

    @Test
    void loginWhenHashingUnderQuarkusThenArgon2RunsOnThePinnedJna() {
        assertThat(portal.login()
                        .login("nobody@example.org", "violet kayak drifts over quiet granite")
                        .succeeded())
                .isFalse();
    }

    @Test
    void readmeWhenShowingTheQuarkusHostThenShowsExactlyTheCompiledCode() throws IOException {
        assertReadmeShows("PortalInviteProducer.java", "quarkus-producer");
        assertReadmeShows("BookingService.java", "quarkus-booking");
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The README shows the marked block of the example's source, whitespace aside. */
    private static void assertReadmeShows(String file, String name) throws IOException {
        String source = Files.readString(Path.of("src/main/java/io/portalinvite/examples/quarkus", file));
        String begin = "// " + name + ":begin";
        int from = source.indexOf(begin);
        int to = source.indexOf("// " + name + ":end");
        assertThat(from).isNotNegative();
        assertThat(to).isGreaterThan(from);
        String block = source.substring(from + begin.length(), to).replaceAll("\\s+", "");
        String readme = Files.readString(Path.of("../../README.md")).replaceAll("\\s+", "");
        assertThat(readme.contains(block))
                .as("README.md shows the block '%s' of %s exactly (whitespace aside)", name, file)
                .isTrue();
    }
}
