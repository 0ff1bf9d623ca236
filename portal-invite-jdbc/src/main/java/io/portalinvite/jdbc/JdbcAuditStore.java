package io.portalinvite.jdbc;

import static io.portalinvite.jdbc.Sql.enumOf;
import static io.portalinvite.jdbc.Sql.requiredInstant;
import static io.portalinvite.jdbc.Sql.text;
import static io.portalinvite.jdbc.Sql.ts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portalinvite.account.AccountId;
import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.audit.AuditOutcome;
import io.portalinvite.audit.AuditStore;
import io.portalinvite.delivery.Channel;
import io.portalinvite.invitation.InvitationId;
import io.portalinvite.party.PatientId;
import io.portalinvite.party.PracticeId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link AuditStore} on table {@code pi_audit}: inserts and selects only, so the application's
 * database role can be denied UPDATE and DELETE on it. Details are a JSON object, so privacy officers
 * can query them with the database's JSON functions.
 */
public final class JdbcAuditStore implements AuditStore {

    private static final String COLUMNS = "id, occurred_at, practice_id, action, actor, outcome, patient_id, "
            + "invitation_id, account_id, channel, details";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() { };

    private final Sql sql;

    JdbcAuditStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void append(AuditEvent e) {
        sql.update("append audit event", insertStatement(e));
    }

    static Sql.Bound insertStatement(AuditEvent e) {
        return new Sql.Bound("INSERT INTO pi_audit (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                new Object[] {e.id(), ts(e.occurredAt()), text(e.practiceId()), e.action(), e.actor(), e.outcome(),
                    text(e.patientId()), text(e.invitationId()), text(e.accountId()), text(e.channel()),
                    json(e.details())});
    }

    @Override
    public List<AuditEvent> findByPatient(PracticeId practiceId, PatientId patientId) {
        return sql.query("find audit events of patient", "SELECT " + COLUMNS + " FROM pi_audit "
                + "WHERE practice_id = ? AND patient_id = ? ORDER BY occurred_at, seq", JdbcAuditStore::map,
                practiceId.value(), patientId.value());
    }

    @Override
    public List<AuditEvent> findByInvitation(InvitationId invitationId) {
        return sql.query("find audit events of invitation", "SELECT " + COLUMNS + " FROM pi_audit "
                + "WHERE invitation_id = ? ORDER BY occurred_at, seq", JdbcAuditStore::map, invitationId.value());
    }

    private static String json(Map<String, String> details) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(details));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    private static AuditEvent map(ResultSet rs) throws SQLException {
        String practice = rs.getString("practice_id");
        String patient = rs.getString("patient_id");
        String invitation = rs.getString("invitation_id");
        String account = rs.getString("account_id");
        Map<String, String> details;
        try {
            details = JSON.readValue(rs.getString("details"), DETAILS);
        } catch (JsonProcessingException e) {
            throw new SQLException("audit details are not a JSON object of strings", e);
        }
        return new AuditEvent(Sql.uuid(rs, "id"), requiredInstant(rs, "occurred_at"),
                practice == null ? null : PracticeId.of(practice), enumOf(rs, "action", AuditAction.class),
                rs.getString("actor"), enumOf(rs, "outcome", AuditOutcome.class),
                patient == null ? null : PatientId.of(patient),
                invitation == null ? null : InvitationId.of(invitation),
                account == null ? null : new AccountId(java.util.UUID.fromString(account)),
                enumOf(rs, "channel", Channel.class), details);
    }
}
