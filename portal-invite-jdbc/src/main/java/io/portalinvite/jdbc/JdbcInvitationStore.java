package io.portalinvite.jdbc;

import static io.portalinvite.jdbc.Sql.date;
import static io.portalinvite.jdbc.Sql.enumOf;
import static io.portalinvite.jdbc.Sql.instant;
import static io.portalinvite.jdbc.Sql.requiredInstant;
import static io.portalinvite.jdbc.Sql.text;
import static io.portalinvite.jdbc.Sql.ts;

import io.portalinvite.common.Channel;
import io.portalinvite.common.InvitationId;
import io.portalinvite.common.InviteeKind;
import io.portalinvite.common.PatientId;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.RevocationReason;
import io.portalinvite.common.StaffId;
import io.portalinvite.internal.invitation.DateOfBirthAttempt;
import io.portalinvite.invitation.DuplicateInvitationException;
import io.portalinvite.invitation.Invitation;
import io.portalinvite.invitation.Invitation.InvitationOrigin;
import io.portalinvite.invitation.Invitation.InvitationStatus;
import io.portalinvite.invitation.InvitationStore;
import io.portalinvite.invitation.InvitationStore.PurgedDigest;
import io.portalinvite.invitation.Invitee;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.party.Patient;
import io.portalinvite.party.PersonName;
import io.portalinvite.party.PhoneNumber;
import io.portalinvite.party.Relationship;
import io.portalinvite.token.TokenDigest;
import io.portalinvite.token.TokenNonce;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * {@link InvitationStore} on table {@code pi_invitation}. Redemption is one conditional
 * {@code UPDATE} whose row count decides the winner, and it writes no column any index covers, so
 * PostgreSQL performs it as a heap-only update. "One open invitation per patient and invitee" is a
 * unique key on {@code open_key}: set while the invitation is open, cleared when it expires or is
 * revoked, and kept by an accepted invitation until a new invitation for the same key releases it
 * (in the inserting transaction) or the expiry sweep does after the link's expiry. Reads by
 * {@code open_key} therefore also check the status.
 */
public final class JdbcInvitationStore implements InvitationStore {

    static final String COLUMNS = "id, practice_id, patient_id, patient_given_name, patient_family_name, "
            + "patient_birth_date, patient_email, patient_mobile, invitee_kind, invitee_given_name, "
            + "invitee_family_name, invitee_email, invitee_email_key, invitee_mobile, relationship, channels, origin, "
            + "status, token_nonce, token_digest, issued_at, expires_at, created_at, created_by, resend_count, "
            + "dob_failures, accepted_at, revoked_at, revocation_reason, updated_at, version, open_key, message_language";
    private static final String OPEN = "('PENDING', 'SENT', 'DELIVERY_FAILED')";
    /** Reads the open invitation holding a key; an accepted one may still hold it. */
    static final String FIND_OPEN =
            "SELECT " + COLUMNS + " FROM pi_invitation WHERE open_key = ? AND status IN " + OPEN;

    private final Sql sql;

    JdbcInvitationStore(Sql sql, DatabasePlatform platform) {
        this.sql = sql;
        this.platform = platform;
    }

    /** Decides how a chunk's keys are looked up: an array parameter where the database has one. */
    private final DatabasePlatform platform;

    @Override
    public void insert(Invitation i) {
        try {
            String key = openKey(i);
            if (key != null) {
                releaseAcceptedKeys(List.of(key));
            }
            sql.update("insert invitation", insertStatement(i));
        } catch (JdbcStoreException e) {
            throw translate(e);
        }
    }

    /**
     * Frees the open key an accepted invitation still holds, so that the insert of a new open
     * invitation for the same patient and invitee does not collide with it; {@code null} when the
     * new invitation is not open.
     */
    static Sql.@Nullable Bound releaseStatement(Invitation i) {
        String key = openKey(i);
        return key == null ? null : releaseStatement(List.of(key));
    }

    /**
     * Frees the open keys that accepted invitations still hold among {@code keys} (at most 500).
     * PostgreSQL takes no gap locks: one conditional UPDATE. InnoDB's UPDATE would lock the gap where
     * each absent key would go, and concurrent inserts of new keys into those gaps deadlock; there a
     * plain read finds the (rare) holders first and only they are updated, by primary key.
     */
    void releaseAcceptedKeys(List<String> keys) {
        if (platform == DatabasePlatform.POSTGRESQL) {
            sql.update("release open keys of accepted invitations", releaseStatement(keys));
            return;
        }
        List<String> holders = sql.query(
                "find accepted invitations holding open keys",
                "SELECT id FROM pi_invitation WHERE status = 'ACCEPTED' AND open_key IN ("
                        + Sql.placeholders(keys.size()) + ")",
                rs -> rs.getString(1),
                keys.toArray());
        for (String id : holders) {
            sql.update(
                    "release open key of an accepted invitation",
                    "UPDATE pi_invitation SET open_key = NULL WHERE id = ? AND status = 'ACCEPTED'",
                    id);
        }
    }

    /** Frees the open keys that accepted invitations still hold among {@code keys}. */
    static Sql.Bound releaseStatement(List<String> keys) {
        return new Sql.Bound(
                "UPDATE pi_invitation SET open_key = NULL WHERE status = 'ACCEPTED' AND open_key IN ("
                        + Sql.placeholders(keys.size()) + ")",
                keys.toArray());
    }

    static Sql.Bound insertStatement(Invitation i) {
        return new Sql.Bound(
                "INSERT INTO pi_invitation (" + COLUMNS + ", closed_at) VALUES "
                        + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                new Object[] {
                    i.id().value(),
                    i.practiceId().value(),
                    i.patient().id().value(),
                    i.patient().name().given(),
                    i.patient().name().family(),
                    date(i.patient().dateOfBirth()),
                    text(i.patient().email()),
                    text(i.patient().mobile()),
                    i.invitee().kind(),
                    i.invitee().name().given(),
                    i.invitee().name().family(),
                    i.invitee().email().value(),
                    i.invitee().email().lookupKey(),
                    text(i.invitee().mobile()),
                    text(i.invitee().relationship()),
                    channels(i.channels()),
                    i.origin(),
                    i.status(),
                    i.tokenNonce().value(),
                    i.tokenDigest().hex(),
                    ts(i.issuedAt()),
                    ts(i.expiresAt()),
                    ts(i.createdAt()),
                    i.createdBy().value(),
                    i.resendCount(),
                    i.dateOfBirthFailures(),
                    ts(i.acceptedAt()),
                    ts(i.revokedAt()),
                    text(i.revocationReason()),
                    ts(i.updatedAt()),
                    i.version(),
                    text(openKey(i)),
                    text(languageTag(i.language())),
                    ts(closes(i) ? i.updatedAt() : null)
                });
    }

    /** A unique-key violation on this table means an open duplicate or a digest collision. */
    static RuntimeException translate(JdbcStoreException e) {
        if (Sql.isDuplicateKey(e)) {
            return new DuplicateInvitationException(
                    "an open invitation for this patient and invitee, or the " + "token digest, already exists");
        }
        return e;
    }

    @Override
    public Optional<Invitation> findById(InvitationId id) {
        return sql.queryOne(
                "find invitation",
                "SELECT " + COLUMNS + " FROM pi_invitation WHERE id = ?",
                JdbcInvitationStore::map,
                id.value());
    }

    @Override
    public Optional<Invitation> findByTokenDigest(TokenDigest digest) {
        return sql.queryOne(
                "find invitation by token digest",
                "SELECT " + COLUMNS + " FROM pi_invitation WHERE token_digest = ?",
                JdbcInvitationStore::map,
                digest.hex());
    }

    @Override
    public Optional<Invitation> findOpen(PracticeId practiceId, PatientId patientId, String inviteeEmailKey) {
        return sql.queryOne(
                "find open invitation",
                FIND_OPEN,
                JdbcInvitationStore::map,
                openKey(practiceId, patientId, inviteeEmailKey));
    }

    @Override
    public List<Invitation> findByPatient(PracticeId practiceId, PatientId patientId) {
        return sql.query(
                "find invitations of patient",
                "SELECT " + COLUMNS + " FROM pi_invitation "
                        + "WHERE practice_id = ? AND patient_id = ? ORDER BY created_at, id",
                JdbcInvitationStore::map,
                practiceId.value(),
                patientId.value());
    }

    @Override
    public boolean update(Invitation i) {
        try {
            return sql.update(
                            "update invitation",
                            "UPDATE pi_invitation SET status = ?, token_nonce = ?, "
                                    + "token_digest = ?, issued_at = ?, expires_at = ?, resend_count = ?, dob_failures = ?, "
                                    + "accepted_at = ?, revoked_at = ?, revocation_reason = ?, updated_at = ?, version = ?, open_key = ?, "
                                    + (closes(i) ? "closed_at = COALESCE(closed_at, ?) " : "closed_at = ? ")
                                    + "WHERE id = ? AND version = ?",
                            i.status(),
                            i.tokenNonce().value(),
                            i.tokenDigest().hex(),
                            ts(i.issuedAt()),
                            ts(i.expiresAt()),
                            i.resendCount(),
                            i.dateOfBirthFailures(),
                            ts(i.acceptedAt()),
                            ts(i.revokedAt()),
                            text(i.revocationReason()),
                            ts(i.updatedAt()),
                            i.version(),
                            text(openKey(i)),
                            ts(closes(i) ? i.updatedAt() : null),
                            i.id().value(),
                            i.version() - 1)
                    == 1;
        } catch (JdbcStoreException e) {
            throw translate(e);
        }
    }

    @Override
    public boolean redeem(TokenDigest digest, Instant now) {
        return sql.update(
                        "redeem invitation",
                        // open_key stays: clearing it would write the unique index (see the type's comment)
                        "UPDATE pi_invitation SET status = 'ACCEPTED', accepted_at = ?, "
                                + "updated_at = ?, version = version + 1 "
                                + "WHERE token_digest = ? AND status IN " + OPEN + " AND expires_at > ?",
                        ts(now),
                        ts(now),
                        digest.hex(),
                        ts(now))
                == 1;
    }

    @Override
    public DateOfBirthAttempt attemptDateOfBirth(
            TokenDigest digest, LocalDate presented, int maxFailures, Instant now) {
        // A wrong date is compared and counted in one statement under the row lock the UPDATE takes,
        // so concurrent submissions queue on the row and each sees the count the one before it left.
        // MySQL and MariaDB apply SET assignments left to right, each seeing the columns already
        // assigned: dob_failures is therefore assigned last, so every CASE above reads its old value.
        String revokes = "dob_failures + 1 >= ?";
        int counted = sql.update(
                "count a wrong date of birth",
                "UPDATE pi_invitation SET "
                        + "status = CASE WHEN " + revokes + " THEN 'REVOKED' ELSE status END, "
                        + "revoked_at = CASE WHEN " + revokes + " THEN ? ELSE revoked_at END, "
                        + "revocation_reason = CASE WHEN " + revokes + " THEN ? ELSE revocation_reason END, "
                        + "open_key = CASE WHEN " + revokes + " THEN NULL ELSE open_key END, "
                        + "closed_at = CASE WHEN " + revokes + " THEN ? ELSE closed_at END, "
                        + "updated_at = ?, version = version + 1, dob_failures = dob_failures + 1 "
                        + "WHERE token_digest = ? AND status IN " + OPEN + " AND expires_at > ? AND dob_failures < ? "
                        + "AND patient_birth_date <> ?",
                maxFailures,
                maxFailures,
                ts(now),
                maxFailures,
                RevocationReason.DATE_OF_BIRTH_ATTEMPTS.name(),
                maxFailures,
                maxFailures,
                ts(now),
                ts(now),
                digest.hex(),
                ts(now),
                maxFailures,
                date(presented));
        if (counted == 1) {
            // the row is ours until the transaction ends: this reads what the statement above left
            return sql.queryOne(
                            "read a counted date of birth",
                            "SELECT dob_failures, status FROM pi_invitation WHERE token_digest = ?",
                            rs -> new DateOfBirthAttempt(
                                    "REVOKED".equals(rs.getString("status"))
                                            ? DateOfBirthAttempt.Outcome.MISMATCHED_AND_REVOKED
                                            : DateOfBirthAttempt.Outcome.MISMATCHED,
                                    rs.getInt("dob_failures")),
                            digest.hex())
                    .orElseGet(DateOfBirthAttempt::unusable);
        }
        // Nothing counted: the date matched, or the link is unusable. A locking read waits for any
        // wrong date being counted at this moment, so a right date is accepted only while the limit
        // was not yet reached — and a match changes nothing in the row.
        return sql.queryOne(
                        "check a date of birth",
                        "SELECT patient_birth_date, dob_failures, status, expires_at FROM pi_invitation "
                                + "WHERE token_digest = ? FOR UPDATE",
                        rs -> {
                            int failures = rs.getInt("dob_failures");
                            boolean usable = OPEN.contains("'" + rs.getString("status") + "'")
                                    && requiredInstant(rs, "expires_at").isAfter(now)
                                    && failures < maxFailures;
                            return usable
                                            && Sql.requiredDate(rs, "patient_birth_date")
                                                    .equals(presented)
                                    ? new DateOfBirthAttempt(DateOfBirthAttempt.Outcome.MATCHED, failures)
                                    : DateOfBirthAttempt.unusable();
                        },
                        digest.hex())
                .orElseGet(DateOfBirthAttempt::unusable);
    }

    /** Whether the invitation is closed in a way the token-digest purge goes by. */
    private static boolean closes(Invitation i) {
        return i.status() == InvitationStatus.EXPIRED || i.status() == InvitationStatus.REVOKED;
    }

    static @Nullable String openKey(Invitation i) {
        return i.status().isOpen()
                ? openKey(i.practiceId(), i.patient().id(), i.invitee().email().lookupKey())
                : null;
    }

    static String openKey(PracticeId practiceId, PatientId patientId, String emailKey) {
        // identifiers cannot contain '|' (TextRules.identifier), so the key is unambiguous
        return practiceId.value() + "|" + patientId.value() + "|" + emailKey;
    }

    private static String channels(Set<Channel> channels) {
        return channels.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    static Invitation map(ResultSet rs) throws SQLException {
        String mobile = rs.getString("patient_mobile");
        String email = rs.getString("patient_email");
        Patient patient = new Patient(
                PatientId.of(rs.getString("patient_id")),
                new PersonName(rs.getString("patient_given_name"), rs.getString("patient_family_name")),
                Sql.requiredDate(rs, "patient_birth_date"),
                email == null ? null : EmailAddress.of(email),
                mobile == null ? null : new PhoneNumber(mobile));
        String inviteeMobile = rs.getString("invitee_mobile");
        Invitee invitee = new Invitee(
                Sql.requiredEnum(rs, "invitee_kind", InviteeKind.class),
                new PersonName(rs.getString("invitee_given_name"), rs.getString("invitee_family_name")),
                EmailAddress.of(rs.getString("invitee_email")),
                inviteeMobile == null ? null : new PhoneNumber(inviteeMobile),
                enumOf(rs, "relationship", Relationship.class));
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        Arrays.stream(rs.getString("channels").split(",")).map(Channel::valueOf).forEach(channels::add);
        return Invitation.builder()
                .id(new InvitationId(Sql.uuid(rs, "id")))
                .practiceId(PracticeId.of(rs.getString("practice_id")))
                .patient(patient)
                .invitee(invitee)
                .channels(channels)
                .origin(Sql.requiredEnum(rs, "origin", InvitationOrigin.class))
                .status(Sql.requiredEnum(rs, "status", InvitationStatus.class))
                .tokenNonce(new TokenNonce(rs.getString("token_nonce")))
                .tokenDigest(new TokenDigest(rs.getString("token_digest")))
                .issuedAt(requiredInstant(rs, "issued_at"))
                .expiresAt(requiredInstant(rs, "expires_at"))
                .createdAt(requiredInstant(rs, "created_at"))
                .createdBy(StaffId.of(rs.getString("created_by")))
                .resendCount(rs.getInt("resend_count"))
                .dateOfBirthFailures(rs.getInt("dob_failures"))
                .acceptedAt(instant(rs, "accepted_at"))
                .revokedAt(instant(rs, "revoked_at"))
                .revocationReason(enumOf(rs, "revocation_reason", RevocationReason.class))
                .updatedAt(requiredInstant(rs, "updated_at"))
                .version(rs.getLong("version"))
                .language(language(rs.getString("message_language")))
                .build();
    }

    private static @Nullable String languageTag(@Nullable Locale language) {
        return language == null ? null : language.toLanguageTag();
    }

    private static @Nullable Locale language(@Nullable String tag) {
        return tag == null ? null : Locale.forLanguageTag(tag);
    }

    @Override
    public List<PatientId> findPatientsByInviteeMobile(PracticeId practiceId, String e164, int limit) {
        Sql.Bound query = patientsByInviteeMobile(practiceId, e164, limit);
        return sql.query(
                "find patients by invitee mobile",
                query.sql(),
                rs -> PatientId.of(rs.getString("patient_id")),
                query.args());
    }

    static Sql.Bound patientsByInviteeMobile(PracticeId practiceId, String e164, int limit) {
        return new Sql.Bound(
                "SELECT DISTINCT patient_id FROM pi_invitation WHERE practice_id = ? AND invitee_mobile = ? "
                        + "AND status IN ('PENDING', 'SENT', 'DELIVERY_FAILED', 'ACCEPTED') LIMIT ?",
                new Object[] {practiceId.value(), e164, limit});
    }

    /** One query per chunk of keys instead of one per key. */
    @Override
    public List<Invitation> findOpenAmong(java.util.Collection<OpenKey> keys) {
        List<Invitation> found = new java.util.ArrayList<>();
        List<Object> args = new java.util.ArrayList<>();
        for (OpenKey k : keys) {
            args.add(openKey(k.practiceId(), k.patientId(), k.inviteeEmailKey()));
            if (args.size() == 500) {
                found.addAll(openAmong(args));
                args.clear();
            }
        }
        if (!args.isEmpty()) {
            found.addAll(openAmong(args));
        }
        return found;
    }

    private List<Invitation> openAmong(List<Object> openKeys) {
        if (platform.hasArrays()) {
            // one array parameter: the same statement text for any number of keys, and a plan that probes
            // the unique index per key (an IN list's cached generic plan can turn into a scan)
            return sql.query(
                    "find open invitations of a chunk",
                    "SELECT " + COLUMNS + " FROM pi_invitation WHERE open_key = ANY(?) AND status IN " + OPEN,
                    JdbcInvitationStore::map,
                    (Object) openKeys.toArray(String[]::new));
        }
        return sql.query(
                "find open invitations of a chunk",
                "SELECT " + COLUMNS + " FROM pi_invitation WHERE open_key IN (" + Sql.placeholders(openKeys.size())
                        + ") AND status IN " + OPEN,
                JdbcInvitationStore::map,
                openKeys.toArray());
    }

    @Override
    public List<Invitation> findExpiredOpen(Instant now, int limit) {
        // Accepted invitations whose link has expired no longer need their open key: releasing it
        // here keeps the sweep's partial index (rows holding a key) to the open invitations.
        sql.update(
                "release open keys of expired accepted invitations",
                "UPDATE pi_invitation SET open_key = NULL "
                        + "WHERE open_key IS NOT NULL AND expires_at <= ? AND status = 'ACCEPTED'",
                ts(now));
        return sql.query(
                "find expired open invitations",
                "SELECT " + COLUMNS + " FROM pi_invitation WHERE open_key IS NOT NULL AND status IN " + OPEN
                        + " AND expires_at <= ? ORDER BY expires_at, id LIMIT ?",
                JdbcInvitationStore::map,
                ts(now),
                limit);
    }

    @Override
    public List<PracticeId> findPracticesWithSentInvitations() {
        return sql.query(
                "find practices with sent invitations",
                "SELECT DISTINCT practice_id FROM pi_invitation WHERE open_key IS NOT NULL AND status = 'SENT'",
                rs -> PracticeId.of(rs.getString(1)));
    }

    @Override
    public List<Invitation> findReminderDue(PracticeId practiceId, Instant now, Instant expiringBy, int limit) {
        return sql.query(
                "find invitations due a reminder",
                "SELECT " + COLUMNS + " FROM pi_invitation "
                        + "WHERE open_key IS NOT NULL AND status = 'SENT' AND practice_id = ? AND expires_at > ? "
                        + "AND expires_at <= ? "
                        + "AND (reminded_nonce IS NULL OR reminded_nonce <> token_nonce) ORDER BY expires_at, id LIMIT ?",
                JdbcInvitationStore::map,
                practiceId.value(),
                ts(now),
                ts(expiringBy),
                limit);
    }

    @Override
    public boolean markReminded(InvitationId id, TokenNonce nonce) {
        return sql.update(
                        "mark invitation reminded",
                        "UPDATE pi_invitation SET reminded_nonce = ? "
                                + "WHERE id = ? AND status = 'SENT' AND token_nonce = ? "
                                + "AND (reminded_nonce IS NULL OR reminded_nonce <> ?)",
                        nonce.value(),
                        id.value(),
                        nonce.value(),
                        nonce.value())
                == 1;
    }

    @Override
    public int purgeClosedTokenDigests(Instant closedBefore, Instant now, int limit) {
        List<String> ids = sql.query(
                "find closed invitations to purge",
                "SELECT id FROM pi_invitation "
                        + "WHERE token_purged_at IS NULL AND closed_at IS NOT NULL AND closed_at < ? "
                        + "ORDER BY closed_at, id LIMIT ?",
                rs -> rs.getString(1),
                ts(closedBefore),
                limit);
        int purged = 0;
        for (String id : ids) {
            // conditional, so two nodes purging at once each count a row once
            purged += sql.update(
                    "purge invitation token digest",
                    "UPDATE pi_invitation SET token_digest = ?, "
                            + "token_purged_at = ?, version = version + 1 WHERE id = ? AND token_purged_at IS NULL",
                    PurgedDigest.of(InvitationId.of(id)).hex(),
                    ts(now),
                    id);
        }
        return purged;
    }
}
