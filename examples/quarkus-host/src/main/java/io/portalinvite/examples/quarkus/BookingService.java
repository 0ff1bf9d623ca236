package io.portalinvite.examples.quarkus;

import io.portalinvite.PortalInvite;
import io.portalinvite.invitation.InviteRequest;
import io.portalinvite.invitation.InviteResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import javax.sql.DataSource;

/**
 * The booking screen's save: a new patient, their appointment and — with "Send Patient Portal
 * Access" on — the invitation, in one JTA transaction. When the slot is already taken, the
 * {@code @Transactional} boundary rolls back everything, the invitation included, and nothing is sent.
 */
@ApplicationScoped
public class BookingService {

    private final DataSource dataSource;
    private final PortalInvite portal;

    BookingService(DataSource dataSource, PortalInvite portal) {
        this.dataSource = dataSource;
        this.portal = portal;
    }

    /**
     * Saves a new patient at booking and invites them to the Patient Portal.
     *
     * @param patientId the practice system's patient id
     * @param givenName the given name
     * @param familyName the family name
     * @param email the patient's email
     * @param slot the appointment's start
     * @return the invitation's outcome
     * @throws SlotTakenException when the slot is booked already (everything is rolled back)
     */
    @Transactional
    public InviteResult addPatientAtBooking(
            String patientId, String givenName, String familyName, String email, LocalDateTime slot) {
        // quarkus-booking:begin
        insertPatient(patientId, givenName, familyName); // your own SQL, in the same JTA transaction
        InviteResult invited = portal.invitations() // joins this JTA transaction
                .invite(InviteRequest.newPatient("sunrise-clinic", "reception-1")
                        .patientId(patientId)
                        .name(givenName, familyName)
                        .dateOfBirth(LocalDate.of(1990, 5, 17))
                        .email(email)
                        .mobile("0412 345 678")
                        .build());
        if (!bookSlot(slot, patientId)) {
            throw new SlotTakenException(slot); // @Transactional rolls back: no patient, no invitation, no email
        }
        return invited;
        // quarkus-booking:end
    }

    /** Creates the host's own tables; the library's come from {@code PortalSchema.migrate}. */
    void createTables() {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS patient (id VARCHAR(40) PRIMARY KEY, given_name VARCHAR(100),"
                    + " family_name VARCHAR(100))");
            s.execute("CREATE TABLE IF NOT EXISTS appointment (slot TIMESTAMP PRIMARY KEY, patient_id VARCHAR(40))");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the example's tables", e);
        }
    }

    private void insertPatient(String patientId, String givenName, String familyName) {
        update("INSERT INTO patient (id, given_name, family_name) VALUES (?, ?, ?)", patientId, givenName, familyName);
    }

    /** Books the slot unless it is taken; false when it is. */
    private boolean bookSlot(LocalDateTime slot, String patientId) {
        return update(
                        "INSERT INTO appointment (slot, patient_id) SELECT ?, ? WHERE NOT EXISTS"
                                + " (SELECT 1 FROM appointment WHERE slot = ?)",
                        slot,
                        patientId,
                        slot)
                == 1;
    }

    private int update(String sql, Object... args) {
        // a connection from Quarkus's datasource is enlisted in the current JTA transaction
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("the practice system's own write failed", e);
        }
    }
}
