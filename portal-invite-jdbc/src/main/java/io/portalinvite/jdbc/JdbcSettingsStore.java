package io.portalinvite.jdbc;

import static io.portalinvite.jdbc.Sql.NULL_TEXT;
import static io.portalinvite.jdbc.Sql.enumOf;

import io.portalinvite.common.PracticeId;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.party.Relationship;
import io.portalinvite.password.PasswordPolicy;
import io.portalinvite.settings.AgePolicy;
import io.portalinvite.settings.ConsentDocument;
import io.portalinvite.settings.PortalSettings.Setting;
import io.portalinvite.settings.SecondFactorPolicy;
import io.portalinvite.settings.SettingsOverrides;
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
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * {@link SettingsStore} on table {@code pi_settings}, one row per practice, one column (or a few) per
 * setting. A NULL column is a setting the practice did not choose: it follows the host's defaults.
 * A setting chosen as nothing (no sender name, no privacy notice) is stored as an empty string in
 * its text column, which no real value of those settings can be.
 */
public final class JdbcSettingsStore implements SettingsStore {

    /** Stored in a text column for a setting chosen as nothing. */
    private static final String NOTHING = "";

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
            "password_reset_link_base",
            "second_factor");

    static final String SELECT =
            "SELECT practice_id, " + String.join(", ", COLUMNS) + " FROM pi_settings WHERE practice_id = ?";
    private static final String UPDATE =
            "UPDATE pi_settings SET " + String.join(" = ?, ", COLUMNS) + " = ? WHERE practice_id = ?";
    private static final String INSERT = "INSERT INTO pi_settings (" + String.join(", ", COLUMNS) + ", practice_id) "
            + "VALUES (" + "?, ".repeat(COLUMNS.size()) + "?)";

    private static final Sql.Null NULL_BOOLEAN = new Sql.Null(Types.BOOLEAN);
    private static final Sql.Null NULL_INTEGER = new Sql.Null(Types.INTEGER);
    private static final Sql.Null NULL_BIGINT = new Sql.Null(Types.BIGINT);

    private final Sql sql;

    JdbcSettingsStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Optional<SettingsOverrides> find(PracticeId practiceId) {
        return sql.queryOne("find settings", SELECT, JdbcSettingsStore::map, practiceId.value());
    }

    @Override
    public void save(SettingsOverrides overrides) {
        Object[] values = values(overrides);
        int updated = sql.update("update settings", UPDATE, values);
        if (updated == 0) {
            sql.update("insert settings", INSERT, values);
        }
    }

    private static Object[] values(SettingsOverrides o) {
        PasswordPolicy password = (PasswordPolicy) chosen(o, Setting.PASSWORD_POLICY);
        AgePolicy ages = (AgePolicy) chosen(o, Setting.AGE_POLICY);
        boolean consentChosen = o.has(Setting.CONSENT);
        ConsentDocument consent = (ConsentDocument) chosen(o, Setting.CONSENT);
        Duration lifetime = (Duration) chosen(o, Setting.INVITATION_LIFETIME);
        Duration reminder = (Duration) chosen(o, Setting.REMINDER_BEFORE);
        return new Object[] {
            flag(o, Setting.ENABLED),
            text(o, Setting.PRACTICE_NAME),
            text(o, Setting.INVITATION_LINK_BASE),
            lifetime == null ? NULL_BIGINT : lifetime.toMillis(),
            flag(o, Setting.SMS_NOTICE),
            text(o, Setting.SENDER_ADDRESS),
            text(o, Setting.SENDER_NAME),
            text(o, Setting.REPLY_TO),
            o.has(Setting.LOCALE)
                    ? ((Locale) Objects.requireNonNull(o.value(Setting.LOCALE))).toLanguageTag()
                    : NULL_TEXT,
            o.has(Setting.TIME_ZONE)
                    ? ((ZoneId) Objects.requireNonNull(o.value(Setting.TIME_ZONE))).getId()
                    : NULL_TEXT,
            text(o, Setting.DEFAULT_PHONE_REGION),
            password == null ? NULL_INTEGER : password.minLength(),
            password == null ? NULL_INTEGER : password.maxLength(),
            flag(o, Setting.DATE_OF_BIRTH_CHECK),
            number(o, Setting.MAX_DATE_OF_BIRTH_ATTEMPTS),
            number(o, Setting.MAX_RESENDS_PER_HOUR),
            number(o, Setting.MAX_RESENDS_PER_DAY),
            ages == null ? NULL_INTEGER : integer(ages.ownAccountMinimumAge()),
            ages == null ? NULL_INTEGER : integer(ages.parentalReductionAge()),
            ages == null ? NULL_INTEGER : integer(ages.parentalEndAge()),
            ages == null
                    ? NULL_TEXT
                    : ages.parentalRelationships().stream()
                            .map(Enum::name)
                            .sorted()
                            .collect(Collectors.joining(",")),
            text(o, Setting.SHARED_EMAIL),
            consent != null ? consent.version() : consentChosen ? NOTHING : NULL_TEXT,
            Sql.text(consent == null ? null : consent.privacyNotice()),
            Sql.text(consent == null ? null : consent.terms()),
            Sql.ts(consent == null ? null : consent.publishedAt()),
            consent == null ? NULL_BOOLEAN : consent.reacceptanceRequired(),
            number(o, Setting.MESSAGES_PER_MINUTE),
            reminder == null ? NULL_BIGINT : reminder.toMillis(),
            text(o, Setting.PASSWORD_RESET_LINK_BASE),
            text(o, Setting.SECOND_FACTOR),
            o.practiceId().value()
        };
    }

    private static @Nullable Object chosen(SettingsOverrides o, Setting setting) {
        return o.has(setting) ? o.value(setting) : null;
    }

    /** The setting's text form; NULL when not chosen, {@link #NOTHING} when chosen as nothing. */
    private static Object text(SettingsOverrides o, Setting setting) {
        if (!o.has(setting)) {
            return NULL_TEXT;
        }
        Object value = o.value(setting);
        return value == null ? NOTHING : value instanceof Enum<?> e ? e.name() : value.toString();
    }

    private static Object flag(SettingsOverrides o, Setting setting) {
        return o.has(setting) ? Objects.requireNonNull(o.value(setting)) : NULL_BOOLEAN;
    }

    private static Object number(SettingsOverrides o, Setting setting) {
        return o.has(setting) ? Objects.requireNonNull(o.value(setting)) : NULL_INTEGER;
    }

    private static Object integer(@Nullable Integer value) {
        return value == null ? NULL_INTEGER : value;
    }

    private static @Nullable Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static @Nullable Boolean flag(ResultSet rs, String column) throws SQLException {
        boolean value = rs.getBoolean(column);
        return rs.wasNull() ? null : value;
    }

    private static @Nullable Long number(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    static SettingsOverrides map(ResultSet rs) throws SQLException {
        Reader r = new Reader(SettingsOverrides.none(PracticeId.of(rs.getString("practice_id"))));
        r.put(Setting.ENABLED, flag(rs, "enabled"));
        r.put(Setting.PRACTICE_NAME, rs.getString("practice_name"));
        r.text(Setting.INVITATION_LINK_BASE, rs.getString("invitation_link_base"), URI::create);
        Long lifetime = number(rs, "invitation_lifetime_ms");
        r.put(Setting.INVITATION_LIFETIME, lifetime == null ? null : Duration.ofMillis(lifetime));
        r.put(Setting.SMS_NOTICE, flag(rs, "sms_notice"));
        r.text(Setting.SENDER_ADDRESS, rs.getString("sender_address"), EmailAddress::of);
        r.text(Setting.SENDER_NAME, rs.getString("sender_name"), v -> v);
        r.text(Setting.REPLY_TO, rs.getString("reply_to"), EmailAddress::of);
        r.text(Setting.LOCALE, rs.getString("locale"), Locale::forLanguageTag);
        r.text(Setting.TIME_ZONE, rs.getString("time_zone"), ZoneId::of);
        r.put(Setting.DEFAULT_PHONE_REGION, rs.getString("phone_region"));
        Integer minLength = integer(rs, "password_min_length");
        if (minLength != null) {
            r.put(Setting.PASSWORD_POLICY, new PasswordPolicy(minLength, rs.getInt("password_max_length")));
        }
        r.put(Setting.DATE_OF_BIRTH_CHECK, flag(rs, "dob_check"));
        r.put(Setting.MAX_DATE_OF_BIRTH_ATTEMPTS, integer(rs, "max_dob_attempts"));
        r.put(Setting.MAX_RESENDS_PER_HOUR, integer(rs, "max_resends_per_hour"));
        r.put(Setting.MAX_RESENDS_PER_DAY, integer(rs, "max_resends_per_day"));
        String relationships = rs.getString("parental_relationships");
        if (relationships != null) {
            Set<Relationship> parental = EnumSet.noneOf(Relationship.class);
            for (String name : relationships.split(",")) {
                if (!name.isBlank()) {
                    parental.add(Relationship.valueOf(name.trim()));
                }
            }
            r.put(
                    Setting.AGE_POLICY,
                    new AgePolicy(
                            integer(rs, "own_account_min_age"),
                            integer(rs, "parental_reduction_age"),
                            integer(rs, "parental_end_age"),
                            parental));
        }
        r.put(Setting.SHARED_EMAIL, enumOf(rs, "shared_email", SharedEmailPolicy.class));
        String consentVersion = rs.getString("consent_version");
        if (consentVersion != null) {
            r.overrides = r.overrides.with(
                    Setting.CONSENT,
                    consentVersion.equals(NOTHING)
                            ? null
                            : new ConsentDocument(
                                    consentVersion,
                                    rs.getString("consent_privacy_notice"),
                                    rs.getString("consent_terms"),
                                    Sql.requiredInstant(rs, "consent_published_at"),
                                    rs.getBoolean("consent_reaccept")));
        }
        r.put(Setting.MESSAGES_PER_MINUTE, integer(rs, "messages_per_minute"));
        Long reminder = number(rs, "reminder_before_ms");
        r.put(Setting.REMINDER_BEFORE, reminder == null ? null : Duration.ofMillis(reminder));
        r.text(Setting.PASSWORD_RESET_LINK_BASE, rs.getString("password_reset_link_base"), URI::create);
        r.put(Setting.SECOND_FACTOR, enumOf(rs, "second_factor", SecondFactorPolicy.class));
        return r.overrides;
    }

    /** Collects the chosen settings of a row; a NULL column leaves its setting to the defaults. */
    private static final class Reader {
        SettingsOverrides overrides;

        Reader(SettingsOverrides overrides) {
            this.overrides = overrides;
        }

        void put(Setting setting, @Nullable Object value) {
            if (value != null) {
                overrides = overrides.with(setting, value);
            }
        }

        void text(Setting setting, @Nullable String value, Function<String, Object> parse) {
            if (value != null) {
                overrides = overrides.with(setting, value.equals(NOTHING) ? null : parse.apply(value));
            }
        }
    }
}
