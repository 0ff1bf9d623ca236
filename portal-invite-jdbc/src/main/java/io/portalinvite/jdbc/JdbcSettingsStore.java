package io.portalinvite.jdbc;

import static io.portalinvite.jdbc.Sql.enumOf;
import static io.portalinvite.jdbc.Sql.text;

import io.portalinvite.common.PracticeId;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.party.Relationship;
import io.portalinvite.password.PasswordPolicy;
import io.portalinvite.settings.AgePolicy;
import io.portalinvite.settings.ConsentDocument;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.settings.SettingsStore;
import io.portalinvite.settings.SharedEmailPolicy;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** {@link SettingsStore} on table {@code pi_settings}, one row per practice. */
public final class JdbcSettingsStore implements SettingsStore {

    /** Every column but the key, in the order {@link #values} binds them. */
    private static final List<String> COLUMNS = List.of(
            "enabled",
            "practice_name",
            "invitation_link_base",
            "invitation_lifetime_ms",
            "sms_notice",
            "sender_address",
            "sender_name",
            "reply_to",
            "locale",
            "time_zone",
            "phone_region",
            "password_min_length",
            "password_max_length",
            "dob_check",
            "max_dob_attempts",
            "max_resends_per_hour",
            "max_resends_per_day",
            "own_account_min_age",
            "parental_reduction_age",
            "parental_end_age",
            "parental_relationships",
            "shared_email",
            "consent_version",
            "consent_privacy_notice",
            "consent_terms",
            "consent_published_at",
            "consent_reaccept",
            "messages_per_minute",
            "reminder_before_ms",
            "password_reset_link_base");

    static final String SELECT =
            "SELECT practice_id, " + String.join(", ", COLUMNS) + " FROM pi_settings WHERE practice_id = ?";
    private static final String UPDATE =
            "UPDATE pi_settings SET " + String.join(" = ?, ", COLUMNS) + " = ? WHERE practice_id = ?";
    private static final String INSERT = "INSERT INTO pi_settings (" + String.join(", ", COLUMNS) + ", practice_id) "
            + "VALUES (" + "?, ".repeat(COLUMNS.size()) + "?)";

    private final Sql sql;

    JdbcSettingsStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Optional<PortalSettings> find(PracticeId practiceId) {
        return sql.queryOne("find settings", SELECT, JdbcSettingsStore::map, practiceId.value());
    }

    @Override
    public void save(PortalSettings s) {
        Object[] values = values(s);
        int updated = sql.update("update settings", UPDATE, values);
        if (updated == 0) {
            sql.update("insert settings", INSERT, values);
        }
    }

    private static Object[] values(PortalSettings s) {
        AgePolicy ages = s.agePolicy();
        ConsentDocument consent = s.consent();
        return new Object[] {
            s.enabled(),
            s.practiceName(),
            s.invitationLinkBase().toString(),
            s.invitationLifetime().toMillis(),
            s.smsNotice(),
            text(s.senderAddress()),
            text(s.senderName()),
            text(s.replyTo()),
            s.locale().toLanguageTag(),
            s.timeZone().getId(),
            s.defaultPhoneRegion(),
            s.passwordPolicy().minLength(),
            s.passwordPolicy().maxLength(),
            s.dateOfBirthCheck(),
            s.maxDateOfBirthAttempts(),
            s.maxResendsPerHour(),
            s.maxResendsPerDay(),
            integer(ages.ownAccountMinimumAge()),
            integer(ages.parentalReductionAge()),
            integer(ages.parentalEndAge()),
            ages.parentalRelationships().stream().map(Enum::name).sorted().collect(Collectors.joining(",")),
            s.sharedEmail(),
            text(consent == null ? null : consent.version()),
            text(consent == null ? null : consent.privacyNotice()),
            text(consent == null ? null : consent.terms()),
            Sql.ts(consent == null ? null : consent.publishedAt()),
            consent != null && consent.reacceptanceRequired(),
            s.messagesPerMinute(),
            s.reminderBefore().toMillis(),
            text(s.passwordResetLinkBase()),
            s.practiceId().value()
        };
    }

    private static Object integer(@Nullable Integer value) {
        return value == null ? new Sql.Null(Types.INTEGER) : value;
    }

    private static @Nullable Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    static PortalSettings map(ResultSet rs) throws SQLException {
        String sender = rs.getString("sender_address");
        String replyTo = rs.getString("reply_to");
        String relationships = rs.getString("parental_relationships");
        Set<Relationship> parental = EnumSet.noneOf(Relationship.class);
        for (String name : relationships.split(",")) {
            if (!name.isBlank()) {
                parental.add(Relationship.valueOf(name.trim()));
            }
        }
        String consentVersion = rs.getString("consent_version");
        ConsentDocument consent = consentVersion == null
                ? null
                : new ConsentDocument(
                        consentVersion,
                        rs.getString("consent_privacy_notice"),
                        rs.getString("consent_terms"),
                        Sql.requiredInstant(rs, "consent_published_at"),
                        rs.getBoolean("consent_reaccept"));
        String resetBase = rs.getString("password_reset_link_base");
        return new PortalSettings(
                PracticeId.of(rs.getString("practice_id")),
                rs.getBoolean("enabled"),
                rs.getString("practice_name"),
                URI.create(rs.getString("invitation_link_base")),
                Duration.ofMillis(rs.getLong("invitation_lifetime_ms")),
                rs.getBoolean("sms_notice"),
                sender == null ? null : EmailAddress.of(sender),
                rs.getString("sender_name"),
                replyTo == null ? null : EmailAddress.of(replyTo),
                Locale.forLanguageTag(rs.getString("locale")),
                ZoneId.of(rs.getString("time_zone")),
                rs.getString("phone_region"),
                new PasswordPolicy(rs.getInt("password_min_length"), rs.getInt("password_max_length")),
                rs.getBoolean("dob_check"),
                rs.getInt("max_dob_attempts"),
                rs.getInt("max_resends_per_hour"),
                rs.getInt("max_resends_per_day"),
                new AgePolicy(
                        integer(rs, "own_account_min_age"),
                        integer(rs, "parental_reduction_age"),
                        integer(rs, "parental_end_age"),
                        parental),
                enumOf(rs, "shared_email", SharedEmailPolicy.class),
                consent,
                rs.getInt("messages_per_minute"),
                Duration.ofMillis(rs.getLong("reminder_before_ms")),
                resetBase == null ? null : URI.create(resetBase));
    }
}
