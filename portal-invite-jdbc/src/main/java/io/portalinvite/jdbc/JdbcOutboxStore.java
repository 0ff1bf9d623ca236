package io.portalinvite.jdbc;

import static io.portalinvite.jdbc.Sql.instant;
import static io.portalinvite.jdbc.Sql.requiredInstant;
import static io.portalinvite.jdbc.Sql.text;
import static io.portalinvite.jdbc.Sql.ts;

import io.portalinvite.common.Channel;
import io.portalinvite.common.PracticeId;
import io.portalinvite.delivery.OutboundMessage;
import io.portalinvite.delivery.OutboundMessage.MessageKind;
import io.portalinvite.delivery.OutboundMessage.MessageStatus;
import io.portalinvite.delivery.OutboxStore;
import io.portalinvite.delivery.OutboxStore.OutboxBacklog;
import io.portalinvite.token.TokenNonce;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * {@link OutboxStore} on table {@code pi_outbox}. Claiming selects due, unclaimed rows with
 * {@code FOR UPDATE SKIP LOCKED} (plain {@code FOR UPDATE} on H2), so dispatchers on several nodes
 * take disjoint batches without waiting for each other, then stamps them with the claim id and lease
 * in the same transaction. The stamp is conditional, so a row is never held by two live claims.
 */
public final class JdbcOutboxStore implements OutboxStore {

    private static final String COLUMNS = "id, practice_id, subject_id, kind, recipient, token_nonce, status, "
            + "attempts, next_attempt_at, claim_id, lease_until, last_error, created_at, sent_at, internet_message_id";
    private static final String UNCLAIMED = "(lease_until IS NULL OR lease_until <= ?)";
    /** Ids per claiming UPDATE: far below every driver's parameter limit. */
    private static final int CLAIM_CHUNK = 500;
    /** The claiming order, emails before SMS notices (kind names sort that way). */
    private static final java.util.Comparator<OutboundMessage> DUE_ORDER = java.util.Comparator.comparing(
                    OutboundMessage::nextAttemptAt)
            .thenComparing(m -> m.kind().name())
            .thenComparing(OutboundMessage::createdAt);

    private final Sql sql;
    private final DatabasePlatform platform;

    JdbcOutboxStore(Sql sql, DatabasePlatform platform) {
        this.sql = sql;
        this.platform = platform;
    }

    @Override
    public void insert(OutboundMessage m) {
        sql.update("insert outbound message", insertStatement(m));
    }

    static Sql.Bound insertStatement(OutboundMessage m) {
        return new Sql.Bound(
                "INSERT INTO pi_outbox (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                new Object[] {
                    m.id(),
                    m.practiceId().value(),
                    m.subjectId(),
                    m.kind(),
                    m.recipient(),
                    m.tokenNonce().value(),
                    m.status(),
                    m.attempts(),
                    ts(m.nextAttemptAt()),
                    text(m.claimId()),
                    ts(m.leaseUntil()),
                    text(m.lastError()),
                    ts(m.createdAt()),
                    ts(m.sentAt()),
                    m.internetMessageId()
                });
    }

    @Override
    public List<OutboundMessage> claimDue(
            Instant now, int limit, String claimId, Instant leaseUntil, Set<Channel> channels) {
        List<String> kinds = new ArrayList<>();
        for (MessageKind kind : MessageKind.values()) {
            if (channels.contains(kind.channel())) {
                kinds.add(kind.name());
            }
        }
        if (kinds.isEmpty() || limit < 1) {
            return List.of();
        }
        List<Object> selectArgs = new ArrayList<>(kinds.size() + 3);
        selectArgs.add(ts(now));
        selectArgs.add(ts(now));
        selectArgs.addAll(kinds);
        selectArgs.add(limit);
        // the earlier claim id is read with the row: a row still carrying one whose lease ran out was
        // claimed by a dispatcher that never recorded a result, and may have been sent
        Map<String, Boolean> lapsed = new LinkedHashMap<>();
        sql.query(
                        "select due outbound messages",
                        "SELECT id, claim_id FROM pi_outbox "
                                + "WHERE status = 'PENDING' AND next_attempt_at <= ? AND " + UNCLAIMED
                                + " AND kind IN (" + placeholders(kinds.size()) + ")"
                                + " ORDER BY next_attempt_at, kind, created_at LIMIT ?" + platform.lockClause(),
                        rs -> Map.entry(rs.getString(1), rs.getString(2) != null),
                        selectArgs.toArray())
                .forEach(e -> lapsed.put(e.getKey(), e.getValue()));
        if (lapsed.isEmpty()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>(lapsed.keySet());
        // one statement per 500 messages; each row is still claimed only if it is pending and
        // unclaimed, and the read below (by primary key) returns what was claimed
        List<OutboundMessage> claimed = new ArrayList<>(ids.size());
        for (int from = 0; from < ids.size(); from += CLAIM_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CLAIM_CHUNK));
            List<Object> args = new ArrayList<>(chunk.size() + 3);
            args.add(claimId);
            args.add(ts(leaseUntil));
            args.addAll(chunk);
            args.add(ts(now));
            sql.update(
                    "claim outbound messages",
                    "UPDATE pi_outbox SET claim_id = ?, lease_until = ? WHERE id IN ("
                            + placeholders(chunk.size())
                            + ") AND status = 'PENDING' AND "
                            + UNCLAIMED,
                    args.toArray());
            List<Object> readArgs = new ArrayList<>(chunk.size() + 1);
            readArgs.addAll(chunk);
            readArgs.add(claimId);
            claimed.addAll(sql.query(
                    "read claimed outbound messages",
                    "SELECT " + COLUMNS + " FROM pi_outbox WHERE id IN (" + placeholders(chunk.size())
                            + ") AND claim_id = ?",
                    JdbcOutboxStore::map,
                    readArgs.toArray()));
        }
        claimed.sort(DUE_ORDER);
        List<OutboundMessage> out = new ArrayList<>(claimed.size());
        for (OutboundMessage m : claimed) {
            out.add(m.claimed(
                    claimId,
                    java.util.Objects.requireNonNull(m.leaseUntil()),
                    lapsed.getOrDefault(m.id().toString(), false)));
        }
        return out;
    }

    @Override
    public int renewClaim(String claimId, Collection<UUID> ids, Instant leaseUntil) {
        int renewed = 0;
        List<UUID> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += CLAIM_CHUNK) {
            List<UUID> chunk = all.subList(from, Math.min(all.size(), from + CLAIM_CHUNK));
            List<Object> args = new ArrayList<>(chunk.size() + 2);
            args.add(ts(leaseUntil));
            args.addAll(chunk);
            args.add(claimId);
            renewed += sql.update(
                    "renew outbound message claim",
                    "UPDATE pi_outbox SET lease_until = ? WHERE id IN (" + placeholders(chunk.size())
                            + ") AND claim_id = ? AND status = 'PENDING'",
                    args.toArray());
        }
        return renewed;
    }

    @Override
    public int release(String claimId, Collection<UUID> ids) {
        int released = 0;
        List<UUID> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += CLAIM_CHUNK) {
            List<UUID> chunk = all.subList(from, Math.min(all.size(), from + CLAIM_CHUNK));
            List<Object> args = new ArrayList<>(chunk.size() + 1);
            args.addAll(chunk);
            args.add(claimId);
            released += sql.update(
                    "hand back outbound messages",
                    "UPDATE pi_outbox SET claim_id = NULL, lease_until = NULL WHERE id IN ("
                            + placeholders(chunk.size()) + ") AND claim_id = ? AND status = 'PENDING'",
                    args.toArray());
        }
        return released;
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    @Override
    public boolean complete(OutboundMessage m, String claimId) {
        return sql.update(
                        "record outbound message result",
                        "UPDATE pi_outbox SET status = ?, attempts = ?, "
                                + "next_attempt_at = ?, claim_id = NULL, lease_until = NULL, last_error = ?, sent_at = ? "
                                + "WHERE id = ? AND claim_id = ? AND status = 'PENDING'",
                        m.status(),
                        m.attempts(),
                        ts(m.nextAttemptAt()),
                        text(m.lastError()),
                        ts(m.sentAt()),
                        m.id(),
                        claimId)
                == 1;
    }

    @Override
    public boolean cancel(UUID id, String reason, Instant now) {
        return sql.update(
                        "cancel outbound message",
                        "UPDATE pi_outbox SET status = 'CANCELLED', last_error = ?, "
                                + "claim_id = NULL, lease_until = NULL WHERE id = ? AND status = 'PENDING' AND "
                                + UNCLAIMED,
                        truncate(reason),
                        id,
                        ts(now))
                == 1;
    }

    @Override
    public Optional<OutboundMessage> findById(UUID id) {
        return sql.queryOne(
                "find outbound message",
                "SELECT " + COLUMNS + " FROM pi_outbox WHERE id = ?",
                JdbcOutboxStore::map,
                id);
    }

    @Override
    public List<OutboundMessage> findBySubject(UUID subjectId) {
        return sql.query(
                "find outbound messages of a subject",
                "SELECT " + COLUMNS + " FROM pi_outbox " + "WHERE subject_id = ? ORDER BY created_at, kind, id",
                JdbcOutboxStore::map,
                subjectId);
    }

    @Override
    public OutboxBacklog backlog(Instant now) {
        return sql.queryOne(
                        "count outbox backlog",
                        "SELECT "
                                + "SUM(CASE WHEN status = 'PENDING' THEN 1 ELSE 0 END), "
                                + "SUM(CASE WHEN status = 'PENDING' AND next_attempt_at <= ? AND " + UNCLAIMED
                                + " THEN 1 ELSE 0 END), "
                                + "MIN(CASE WHEN status = 'PENDING' AND next_attempt_at <= ? AND " + UNCLAIMED
                                + " THEN next_attempt_at END), "
                                + "SUM(CASE WHEN status = 'FAILED' THEN 1 ELSE 0 END) "
                                + "FROM pi_outbox WHERE status IN ('PENDING', 'FAILED')",
                        rs -> new OutboxBacklog(rs.getLong(1), rs.getLong(2), instantAt(rs, 3), rs.getLong(4)),
                        ts(now),
                        ts(now),
                        ts(now),
                        ts(now))
                .orElseThrow();
    }

    private static @Nullable Instant instantAt(ResultSet rs, int column) throws SQLException {
        java.time.LocalDateTime value = rs.getObject(column, java.time.LocalDateTime.class);
        return value == null ? null : value.toInstant(java.time.ZoneOffset.UTC);
    }

    private static String truncate(String text) {
        return text.length() <= OutboundMessage.MAX_ERROR_LENGTH
                ? text
                : text.substring(0, OutboundMessage.MAX_ERROR_LENGTH);
    }

    private static OutboundMessage map(ResultSet rs) throws SQLException {
        return new OutboundMessage(
                Sql.uuid(rs, "id"),
                PracticeId.of(rs.getString("practice_id")),
                Sql.uuid(rs, "subject_id"),
                Sql.requiredEnum(rs, "kind", MessageKind.class),
                rs.getString("recipient"),
                new TokenNonce(rs.getString("token_nonce")),
                Sql.requiredEnum(rs, "status", MessageStatus.class),
                rs.getInt("attempts"),
                requiredInstant(rs, "next_attempt_at"),
                rs.getString("claim_id"),
                instant(rs, "lease_until"),
                rs.getString("last_error"),
                requiredInstant(rs, "created_at"),
                instant(rs, "sent_at"),
                rs.getString("internet_message_id"),
                false);
    }

    /**
     * Creates or advances the practice's pace row with one upsert whose update part is
     * {@code GREATEST(next_slot, now) + count * interval}: the statement takes the row's write lock
     * at once, so a second node reserving for the same practice waits for this transaction and then
     * starts after these slots (no shared-then-exclusive lock upgrade that could deadlock). Slots are
     * epoch microseconds so the arithmetic is the same on every database.
     */
    @Override
    public Instant reserveSendSlots(
            PracticeId practiceId, Channel channel, int count, Instant now, java.time.Duration interval) {
        if (count < 1 || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("count must be at least 1 and interval positive");
        }
        long nowMicros = micros(now);
        long total = Math.multiplyExact(micros(interval), count);
        String practice = practiceId.value();
        switch (platform) {
            case POSTGRESQL ->
                sql.update(
                        "reserve send slots",
                        "INSERT INTO pi_send_pace (practice_id, channel, "
                                + "next_slot_micros) VALUES (?, ?, ?) ON CONFLICT (practice_id, channel) DO UPDATE SET "
                                + "next_slot_micros = GREATEST(pi_send_pace.next_slot_micros, ?) + ?",
                        practice,
                        channel,
                        nowMicros + total,
                        nowMicros,
                        total);
            case MARIADB ->
                sql.update(
                        "reserve send slots",
                        "INSERT INTO pi_send_pace (practice_id, channel, "
                                + "next_slot_micros) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE "
                                + "next_slot_micros = GREATEST(next_slot_micros, ?) + ?",
                        practice,
                        channel,
                        nowMicros + total,
                        nowMicros,
                        total);
            case H2 -> mergeH2(practice, channel, nowMicros, total);
        }
        long next = sql.queryOne(
                        "read send pace",
                        "SELECT next_slot_micros FROM pi_send_pace " + "WHERE practice_id = ? AND channel = ?",
                        rs -> rs.getLong(1),
                        practice,
                        channel)
                .orElseThrow();
        return Instant.EPOCH.plus(next - total, java.time.temporal.ChronoUnit.MICROS);
    }

    private void mergeH2(String practice, Channel channel, long nowMicros, long total) {
        String merge = "MERGE INTO pi_send_pace t USING (VALUES (CAST(? AS VARCHAR(128)), CAST(? AS VARCHAR(16)))) "
                + "s (practice_id, channel) ON t.practice_id = s.practice_id AND t.channel = s.channel "
                + "WHEN MATCHED THEN UPDATE SET next_slot_micros = GREATEST(t.next_slot_micros, ?) + ? "
                + "WHEN NOT MATCHED THEN INSERT (practice_id, channel, next_slot_micros) "
                + "VALUES (s.practice_id, s.channel, ?)";
        try {
            sql.update("reserve send slots", merge, practice, channel, nowMicros, total, nowMicros + total);
        } catch (JdbcStoreException e) {
            if (!Sql.isDuplicateKey(e)) {
                throw e;
            }
            // two nodes created the row at once; H2 keeps the transaction usable, so merge again
            sql.update("reserve send slots", merge, practice, channel, nowMicros, total, nowMicros + total);
        }
    }

    private static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    private static long micros(java.time.Duration duration) {
        return Math.addExact(Math.multiplyExact(duration.getSeconds(), 1_000_000L), duration.getNano() / 1_000);
    }
}
