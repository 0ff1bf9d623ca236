package io.portalinvite.jdbc;

import static io.portalinvite.jdbc.Sql.text;

import io.portalinvite.party.EmailAddress;
import io.portalinvite.party.PracticeId;
import io.portalinvite.password.PasswordPolicy;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.settings.SettingsStore;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;

/** {@link SettingsStore} on table {@code pi_settings}, one row per practice. */
public final class JdbcSettingsStore implements SettingsStore {

    static final String COLUMNS = "practice_id, enabled, practice_name, invitation_link_base, "
            + "invitation_lifetime_ms, sms_notice, sender_address, sender_name, reply_to, locale, time_zone, "
            + "phone_region, password_min_length, password_max_length, dob_check, max_dob_attempts, "
            + "max_resends_per_hour, max_resends_per_day";

    private final Sql sql;

    JdbcSettingsStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Optional<PortalSettings> find(PracticeId practiceId) {
        return sql.queryOne("find settings", "SELECT " + COLUMNS + " FROM pi_settings WHERE practice_id = ?",
                JdbcSettingsStore::map, practiceId.value());
    }

    @Override
    public void save(PortalSettings s) {
        Object[] values = {s.enabled(), s.practiceName(), s.invitationLinkBase().toString(),
            s.invitationLifetime().toMillis(), s.smsNotice(), text(s.senderAddress()), text(s.senderName()),
            text(s.replyTo()), s.locale().toLanguageTag(), s.timeZone().getId(), s.defaultPhoneRegion(),
            s.passwordPolicy().minLength(), s.passwordPolicy().maxLength(), s.dateOfBirthCheck(),
            s.maxDateOfBirthAttempts(), s.maxResendsPerHour(), s.maxResendsPerDay(), s.practiceId().value()};
        int updated = sql.update("update settings", "UPDATE pi_settings SET enabled = ?, practice_name = ?, "
                + "invitation_link_base = ?, invitation_lifetime_ms = ?, sms_notice = ?, sender_address = ?, "
                + "sender_name = ?, reply_to = ?, locale = ?, time_zone = ?, phone_region = ?, password_min_length = ?, "
                + "password_max_length = ?, dob_check = ?, max_dob_attempts = ?, max_resends_per_hour = ?, "
                + "max_resends_per_day = ? WHERE practice_id = ?", values);
        if (updated == 0) {
            sql.update("insert settings", "INSERT INTO pi_settings (enabled, practice_name, invitation_link_base, "
                    + "invitation_lifetime_ms, sms_notice, sender_address, sender_name, reply_to, locale, time_zone, "
                    + "phone_region, password_min_length, password_max_length, dob_check, max_dob_attempts, "
                    + "max_resends_per_hour, max_resends_per_day, practice_id) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values);
        }
    }

    static PortalSettings map(ResultSet rs) throws SQLException {
        String sender = rs.getString("sender_address");
        String replyTo = rs.getString("reply_to");
        return new PortalSettings(PracticeId.of(rs.getString("practice_id")), rs.getBoolean("enabled"),
                rs.getString("practice_name"), URI.create(rs.getString("invitation_link_base")),
                Duration.ofMillis(rs.getLong("invitation_lifetime_ms")), rs.getBoolean("sms_notice"),
                sender == null ? null : EmailAddress.of(sender), rs.getString("sender_name"),
                replyTo == null ? null : EmailAddress.of(replyTo), Locale.forLanguageTag(rs.getString("locale")),
                ZoneId.of(rs.getString("time_zone")), rs.getString("phone_region"),
                new PasswordPolicy(rs.getInt("password_min_length"), rs.getInt("password_max_length")),
                rs.getBoolean("dob_check"), rs.getInt("max_dob_attempts"), rs.getInt("max_resends_per_hour"),
                rs.getInt("max_resends_per_day"));
    }
}
