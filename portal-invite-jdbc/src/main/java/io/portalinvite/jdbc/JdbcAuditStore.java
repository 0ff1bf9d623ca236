package io.portalinvite.jdbc;

import static io.portalinvite.jdbc.Sql.enumOf;
import static io.portalinvite.jdbc.Sql.requiredInstant;
import static io.portalinvite.jdbc.Sql.text;
import static io.portalinvite.jdbc.Sql.ts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.audit.AuditEvent.AuditOutcome;
import io.portalinvite.audit.AuditQuery;
import io.portalinvite.audit.AuditQuery.AuditCursor;
import io.portalinvite.audit.AuditQuery.AuditPage;
import io.portalinvite.audit.AuditStore;
import io.portalinvite.common.AccountId;
import io.portalinvite.common.Channel;
import io.portalinvite.common.InvitationId;
import io.portalinvite.common.PatientId;
import io.portalinvite.common.PracticeId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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
    private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() {};

    private final Sql sql;
    private final DatabasePlatform platform;

    JdbcAuditStore(Sql sql, DatabasePlatform platform) {
        this.sql = sql;
        this.platform = platform;
    }

    @Override
    public void append(AuditEvent e) {
        sql.update("append audit event", insertStatement(e));
    }

    static Sql.Bound insertStatement(AuditEvent e) {
        return new Sql.Bound(
                "INSERT INTO pi_audit (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new Object[] {
                    e.id(),
                    ts(e.occurredAt()),
                    text(e.practiceId()),
                    e.action(),
                    e.actor(),
                    e.outcome(),
                    text(e.patientId()),
                    text(e.invitationId()),
                    text(e.accountId()),
                    text(e.channel()),
                    json(e.details())
                });
    }

    @Override
    public List<AuditEvent> findByPatient(PracticeId practiceId, PatientId patientId) {
        return sql.query(
                "find audit events of patient",
                "SELECT " + COLUMNS + " FROM pi_audit "
                        + "WHERE practice_id = ? AND patient_id = ? ORDER BY occurred_at, seq",
                JdbcAuditStore::map,
                practiceId.value(),
                patientId.value());
    }

    @Override
    public List<AuditEvent> findByInvitation(InvitationId invitationId) {
        return sql.query(
                "find audit events of invitation",
                "SELECT " + COLUMNS + " FROM pi_audit " + "WHERE invitation_id = ? ORDER BY occurred_at, seq",
                JdbcAuditStore::map,
                invitationId.value());
    }

    @Override
    public AuditPage query(AuditQuery q) {
        StringBuilder where = new StringBuilder("1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.practiceId() != null) {
            where.append(" AND practice_id = ?");
            args.add(q.practiceId().value());
        }
        if (q.accountId() != null) {
            where.append(" AND account_id = ?");
            args.add(q.accountId().toString());
        }
        if (q.patientId() != null) {
            where.append(" AND patient_id = ?");
            args.add(q.patientId().value());
        }
        if (!q.actions().isEmpty()) {
            where.append(" AND action IN (")
                    .append(String.join(", ", Collections.nCopies(q.actions().size(), "?")))
                    .append(')');
            q.actions().stream().map(Enum::name).sorted().forEach(args::add);
        }
        if (q.from() != null) {
            where.append(" AND occurred_at >= ?");
            args.add(ts(q.from()));
        }
        if (q.to() != null) {
            where.append(" AND occurred_at < ?");
            args.add(ts(q.to()));
        }
        AuditCursor after = q.after();
        if (after != null) {
            // keyset: strictly after the last entry of the previous page, in (time, sequence) order
            where.append(" AND (occurred_at > ? OR (occurred_at = ? AND seq > ?))");
            args.add(ts(after.occurredAt()));
            args.add(ts(after.occurredAt()));
            args.add(after.sequence());
        }
        args.add(q.pageSize() + 1);
        List<Sequenced> rows = sql.query(
                "query audit events",
                "SELECT seq, " + COLUMNS + " FROM pi_audit WHERE " + where + " ORDER BY occurred_at, seq LIMIT ?",
                rs -> new Sequenced(map(rs), rs.getLong("seq")),
                args.toArray());
        if (rows.size() <= q.pageSize()) {
            return new AuditPage(rows.stream().map(Sequenced::event).toList(), null);
        }
        List<Sequenced> page = rows.subList(0, q.pageSize());
        Sequenced last = page.get(page.size() - 1);
        return new AuditPage(
                page.stream().map(Sequenced::event).toList(),
                new AuditCursor(last.event().occurredAt(), last.seq()).toString());
    }

    private record Sequenced(AuditEvent event, long seq) {}

    @Override
    public int purgeBefore(Instant cutoff, int limit) {
        return switch (platform) {
            // PostgreSQL has no DELETE ... LIMIT; MariaDB refuses LIMIT inside IN (subquery)
            case POSTGRESQL ->
                sql.update(
                        "purge audit events",
                        "DELETE FROM pi_audit WHERE id IN "
                                + "(SELECT id FROM pi_audit WHERE occurred_at < ? ORDER BY occurred_at LIMIT ?)",
                        ts(cutoff),
                        limit);
            case MARIADB ->
                sql.update(
                        "purge audit events",
                        "DELETE FROM pi_audit WHERE occurred_at < ? ORDER BY occurred_at LIMIT ?",
                        ts(cutoff),
                        limit);
            case H2 ->
                sql.update(
                        "purge audit events", "DELETE FROM pi_audit WHERE occurred_at < ? LIMIT ?", ts(cutoff), limit);
        };
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
        return new AuditEvent(
                Sql.uuid(rs, "id"),
                requiredInstant(rs, "occurred_at"),
                practice == null ? null : PracticeId.of(practice),
                Sql.requiredEnum(rs, "action", AuditAction.class),
                rs.getString("actor"),
                Sql.requiredEnum(rs, "outcome", AuditOutcome.class),
                patient == null ? null : PatientId.of(patient),
                invitation == null ? null : InvitationId.of(invitation),
                account == null ? null : new AccountId(java.util.UUID.fromString(account)),
                enumOf(rs, "channel", Channel.class),
                details);
    }
}
