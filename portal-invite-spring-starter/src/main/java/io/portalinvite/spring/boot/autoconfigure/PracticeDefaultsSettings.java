package io.portalinvite.spring.boot.autoconfigure;

import io.portalinvite.common.PracticeId;
import io.portalinvite.common.ValidationException;
import io.portalinvite.password.PasswordPolicy;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.spring.boot.autoconfigure.Problems.Source;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns {@code portal.invite.practice-defaults.*} into the settings a practice has for every field
 * its staff have not set, refusing at start-up, property by property, what the library would refuse.
 */
final class PracticeDefaultsSettings {

    static final String PREFIX = "portal.invite.practice-defaults";

    private PracticeDefaultsSettings() {}

    /**
     * Checks the defaults and returns them as a function of the practice.
     *
     * @param defaults the configured defaults
     * @return the settings of a practice before its staff change anything
     * @throws PortalInviteConfigurationException naming each refused property and its value
     */
    static Function<PracticeId, PortalSettings> of(PortalInviteProperties.PracticeDefaults defaults) {
        Problems problems = new Problems();
        Locale locale = Locale.ROOT;
        try {
            locale = new Locale.Builder().setLanguageTag(defaults.getLocale()).build();
        } catch (IllformedLocaleException e) {
            problems.add(
                    Source.of(PREFIX + ".locale", defaults.getLocale()), "is not a BCP 47 language tag such as en-AU");
        }
        ZoneId zone = ZoneId.of("UTC");
        try {
            zone = ZoneId.of(defaults.getTimeZone());
        } catch (DateTimeException e) {
            problems.add(
                    Source.of(PREFIX + ".time-zone", defaults.getTimeZone()),
                    "is not a time zone id such as Australia/Sydney");
        }
        PasswordPolicy passwordPolicy = PasswordPolicy.DEFAULT;
        try {
            passwordPolicy = PasswordPolicy.withMinLength(defaults.getPasswordMinLength());
        } catch (ValidationException e) {
            problems.addAll(
                    e,
                    Map.of(
                            "passwordPolicy.minLength",
                            Source.of(PREFIX + ".password-min-length", defaults.getPasswordMinLength())),
                    PREFIX);
        }
        Locale checkedLocale = locale;
        ZoneId checkedZone = zone;
        PasswordPolicy checkedPolicy = passwordPolicy;
        Function<PracticeId, PortalSettings> settings =
                practice -> build(defaults, practice, checkedLocale, checkedZone, checkedPolicy);
        try {
            settings.apply(PracticeId.of("practice-defaults-check"));
        } catch (ValidationException e) {
            problems.addAll(e, sources(defaults), PREFIX);
        }
        problems.throwIfAny();
        return settings;
    }

    private static PortalSettings build(
            PortalInviteProperties.PracticeDefaults defaults,
            PracticeId practiceId,
            Locale locale,
            ZoneId zone,
            PasswordPolicy passwordPolicy) {
        PortalSettings.Builder builder = PortalSettings.builder(practiceId)
                .practiceName(defaults.getPracticeName())
                .invitationLifetime(defaults.getInvitationLifetime())
                .smsNotice(defaults.isSmsNotice())
                .dateOfBirthCheck(defaults.isDateOfBirthCheck())
                .agePolicy(defaults.getAgePolicy().policy())
                .sharedEmail(defaults.getSharedEmail())
                .locale(locale)
                .timeZone(zone)
                .defaultPhoneRegion(defaults.getPhoneRegion())
                .passwordPolicy(passwordPolicy)
                .secondFactor(defaults.getSecondFactor())
                .messagesPerMinute(defaults.getMessagesPerMinute())
                .reminderBefore(defaults.getReminderBefore());
        String linkBase = defaults.getLinkBaseUrl();
        if (linkBase != null && !linkBase.isBlank()) {
            builder.invitationLinkBase(linkBase);
        }
        String resetBase = defaults.getPasswordResetLinkUrl();
        if (resetBase != null && !resetBase.isBlank()) {
            builder.passwordResetLinkBase(resetBase);
        }
        return builder.build();
    }

    private static Map<String, Source> sources(PortalInviteProperties.PracticeDefaults d) {
        return Problems.sources(
                "settings.invitationLinkBase", Source.of(PREFIX + ".link-base-url", d.getLinkBaseUrl()),
                "settings.practiceName", Source.of(PREFIX + ".practice-name", d.getPracticeName()),
                "settings.invitationLifetime", Source.of(PREFIX + ".invitation-lifetime", d.getInvitationLifetime()),
                "settings.defaultPhoneRegion", Source.of(PREFIX + ".phone-region", d.getPhoneRegion()),
                "settings.messagesPerMinute", Source.of(PREFIX + ".messages-per-minute", d.getMessagesPerMinute()),
                "settings.reminderBefore", Source.of(PREFIX + ".reminder-before", d.getReminderBefore()),
                "settings.passwordResetLinkBase",
                        Source.of(PREFIX + ".password-reset-link-url", d.getPasswordResetLinkUrl()),
                "settings.agePolicy", Source.of(PREFIX + ".age-policy", d.getAgePolicy()),
                "settings.passwordPolicy.minLength",
                        Source.of(PREFIX + ".password-min-length", d.getPasswordMinLength()));
    }
}
