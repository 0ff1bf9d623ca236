package io.portalinvite.settings;

import io.portalinvite.common.PracticeId;
import io.portalinvite.common.ValidationException;
import io.portalinvite.common.Violations;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.password.PasswordPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One practice's Patient Portal settings, in groups: who the practice is to its patients
 * ({@link PracticeIdentity}), where its links point and how long they work ({@link LinkRules}), what
 * registration asks ({@link RegistrationRules}) and how messages go out ({@link DeliveryRules}).
 * Each group is an immutable record that validates its own fields; violations name the setting
 * ({@code settings.invitationLifetime}, say), not the group. Immutable; change settings through
 * {@link #toBuilder()}, whose setters are flat so host code need not know the groups.
 *
 * <p>One piece on purpose, though long: the record, its {@link Builder} and the {@link Setting}
 * keys must list the same settings, and keeping them in one file keeps them in step. A new group is
 * a new record, a component here, its setters on the builder and its keys in {@link Setting}.
 *
 * <p>Defaults follow {@code docs/link-lifetime.md}: a 7-day link with the date-of-birth check on.
 * {@link #strictPreset(PracticeId)} gives NIST's 24 hours for emailed codes.
 *
 * @param practiceId the practice
 * @param enabled whether invitations may be sent
 * @param practice the practice's name, sender, language, time zone and phone region
 * @param links the invitation and password-reset pages, link lifetime and reminder
 * @param registration the password, date-of-birth, age, shared-login, consent and second-factor rules
 * @param delivery the SMS notice, outbox pacing and resend limits
 */
public record PortalSettings(
        PracticeId practiceId,
        boolean enabled,
        PracticeIdentity practice,
        LinkRules links,
        RegistrationRules registration,
        DeliveryRules delivery) {

    /** Default link lifetime. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(7);
    /** Link lifetime of the strict preset: NIST's figure for codes sent by email. */
    public static final Duration STRICT_LIFETIME = Duration.ofHours(24);

    /** Refuses missing parts; each group has validated its own fields. */
    public PortalSettings {
        Objects.requireNonNull(practiceId, "practiceId");
        Objects.requireNonNull(practice, "practice");
        Objects.requireNonNull(links, "links");
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(delivery, "delivery");
    }

    /**
     * Returns the settings a practice has before anyone changed them: portal disabled, 7-day links,
     * SMS notice on, date-of-birth check on, en-AU, Australia/Sydney, region AU.
     *
     * @param practiceId the practice
     * @return the defaults
     */
    public static PortalSettings defaults(PracticeId practiceId) {
        return builder(practiceId).build();
    }

    /**
     * Returns the defaults with the strict 24-hour link lifetime.
     *
     * @param practiceId the practice
     * @return the strict preset
     */
    public static PortalSettings strictPreset(PracticeId practiceId) {
        return builder(practiceId).invitationLifetime(STRICT_LIFETIME).build();
    }

    /**
     * Starts a builder with the defaults.
     *
     * @param practiceId the practice
     * @return a builder
     */
    public static Builder builder(PracticeId practiceId) {
        return new Builder(practiceId);
    }

    /**
     * Returns a builder holding these settings, to change some of them.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        return new Builder(practiceId)
                .enabled(enabled)
                .practice(practice)
                .links(links)
                .registration(registration)
                .delivery(delivery);
    }

    /**
     * One setting a practice may choose for itself; every setting it has not chosen follows the
     * host's defaults ({@link io.portalinvite.PortalInvite.Builder#settingsDefaults}), also when
     * the host changes them later. See {@link SettingsOverrides}. The keys are flat, one per setting
     * whatever group it sits in, because that is what a practice chooses and a store keeps.
     */
    public enum Setting {
        /** {@link PortalSettings#enabled()}. */
        ENABLED(Boolean.class, false, PortalSettings::enabled, (b, v) -> b.enabled = (Boolean) v),
        /** {@link PracticeIdentity#name()}. */
        PRACTICE_NAME(String.class, false, s -> s.practice().name(), (b, v) -> b.practiceName = (String) v),
        /** {@link LinkRules#invitationLinkBase()}. */
        INVITATION_LINK_BASE(
                URI.class, false, s -> s.links().invitationLinkBase(), (b, v) -> b.invitationLinkBase = (URI) v),
        /** {@link LinkRules#invitationLifetime()}. */
        INVITATION_LIFETIME(
                Duration.class,
                false,
                s -> s.links().invitationLifetime(),
                (b, v) -> b.invitationLifetime = (Duration) v),
        /** {@link DeliveryRules#smsNotice()}. */
        SMS_NOTICE(Boolean.class, false, s -> s.delivery().smsNotice(), (b, v) -> b.smsNotice = (Boolean) v),
        /** {@link PracticeIdentity#senderAddress()}. */
        SENDER_ADDRESS(
                EmailAddress.class,
                true,
                s -> s.practice().senderAddress(),
                (b, v) -> b.senderAddress = (EmailAddress) v),
        /** {@link PracticeIdentity#senderName()}. */
        SENDER_NAME(String.class, true, s -> s.practice().senderName(), (b, v) -> b.senderName = (String) v),
        /** {@link PracticeIdentity#replyTo()}. */
        REPLY_TO(EmailAddress.class, true, s -> s.practice().replyTo(), (b, v) -> b.replyTo = (EmailAddress) v),
        /** {@link PracticeIdentity#locale()}. */
        LOCALE(Locale.class, false, s -> s.practice().locale(), (b, v) -> b.locale = (Locale) v),
        /** {@link PracticeIdentity#timeZone()}. */
        TIME_ZONE(ZoneId.class, false, s -> s.practice().timeZone(), (b, v) -> b.timeZone = (ZoneId) v),
        /** {@link PracticeIdentity#defaultPhoneRegion()}. */
        DEFAULT_PHONE_REGION(
                String.class,
                false,
                s -> s.practice().defaultPhoneRegion(),
                (b, v) -> b.defaultPhoneRegion = (String) v),
        /** {@link RegistrationRules#passwordPolicy()}. */
        PASSWORD_POLICY(
                PasswordPolicy.class,
                false,
                s -> s.registration().passwordPolicy(),
                (b, v) -> b.passwordPolicy = (PasswordPolicy) v),
        /** {@link RegistrationRules#dateOfBirthCheck()}. */
        DATE_OF_BIRTH_CHECK(
                Boolean.class,
                false,
                s -> s.registration().dateOfBirthCheck(),
                (b, v) -> b.dateOfBirthCheck = (Boolean) v),
        /** {@link RegistrationRules#maxDateOfBirthAttempts()}. */
        MAX_DATE_OF_BIRTH_ATTEMPTS(
                Integer.class,
                false,
                s -> s.registration().maxDateOfBirthAttempts(),
                (b, v) -> b.maxDateOfBirthAttempts = (Integer) v),
        /** {@link DeliveryRules#maxResendsPerHour()}. */
        MAX_RESENDS_PER_HOUR(
                Integer.class,
                false,
                s -> s.delivery().maxResendsPerHour(),
                (b, v) -> b.maxResendsPerHour = (Integer) v),
        /** {@link DeliveryRules#maxResendsPerDay()}. */
        MAX_RESENDS_PER_DAY(
                Integer.class, false, s -> s.delivery().maxResendsPerDay(), (b, v) -> b.maxResendsPerDay = (Integer) v),
        /** {@link RegistrationRules#agePolicy()}. */
        AGE_POLICY(AgePolicy.class, false, s -> s.registration().agePolicy(), (b, v) -> b.agePolicy = (AgePolicy) v),
        /** {@link RegistrationRules#sharedEmail()}. */
        SHARED_EMAIL(
                SharedEmailPolicy.class,
                false,
                s -> s.registration().sharedEmail(),
                (b, v) -> b.sharedEmail = (SharedEmailPolicy) v),
        /** {@link RegistrationRules#consent()}. */
        CONSENT(
                ConsentDocument.class,
                true,
                s -> s.registration().consent(),
                (b, v) -> b.consent = (ConsentDocument) v),
        /** {@link DeliveryRules#messagesPerMinute()}. */
        MESSAGES_PER_MINUTE(
                Integer.class,
                false,
                s -> s.delivery().messagesPerMinute(),
                (b, v) -> b.messagesPerMinute = (Integer) v),
        /** {@link LinkRules#reminderBefore()}. */
        REMINDER_BEFORE(
                Duration.class, false, s -> s.links().reminderBefore(), (b, v) -> b.reminderBefore = (Duration) v),
        /** {@link LinkRules#passwordResetLinkBase()}. */
        PASSWORD_RESET_LINK_BASE(
                URI.class, true, s -> s.links().passwordResetLinkBase(), (b, v) -> b.passwordResetLinkBase = (URI) v),
        /** {@link RegistrationRules#secondFactor()}. */
        SECOND_FACTOR(
                SecondFactorPolicy.class,
                false,
                s -> s.registration().secondFactor(),
                (b, v) -> b.secondFactor = (SecondFactorPolicy) v);

        private final Class<?> type;
        private final boolean nullable;
        private final Function<PortalSettings, @Nullable Object> read;
        private final BiConsumer<Builder, @Nullable Object> write;

        Setting(
                Class<?> type,
                boolean nullable,
                Function<PortalSettings, @Nullable Object> read,
                BiConsumer<Builder, @Nullable Object> write) {
            this.type = type;
            this.nullable = nullable;
            this.read = read;
            this.write = write;
        }

        /**
         * Returns the type of the setting's value.
         *
         * @return the value type (a wrapper type for numbers and flags)
         */
        public Class<?> type() {
            return type;
        }

        /**
         * Tells whether the setting may be set to nothing (no sender name, no privacy notice…).
         *
         * @return true when null is a value of this setting
         */
        public boolean nullable() {
            return nullable;
        }

        /**
         * Reads this setting from settings.
         *
         * @param settings the settings
         * @return the value
         */
        public @Nullable Object valueIn(PortalSettings settings) {
            return read.apply(settings);
        }

        void applyTo(Builder builder, @Nullable Object value) {
            write.accept(builder, value);
        }
    }

    /** Builds {@link PortalSettings}; every setter is optional and starts at the default. */
    public static final class Builder {
        private final PracticeId practiceId;
        private boolean enabled;
        private String practiceName = "Your practice";
        private URI invitationLinkBase = URI.create("https://portal.invalid/invitation");
        private Duration invitationLifetime = DEFAULT_LIFETIME;
        private boolean smsNotice = true;
        private @Nullable EmailAddress senderAddress;
        private @Nullable String senderName;
        private @Nullable EmailAddress replyTo;
        private Locale locale = Locale.forLanguageTag("en-AU");
        private ZoneId timeZone = ZoneId.of("Australia/Sydney");
        private String defaultPhoneRegion = "AU";
        private PasswordPolicy passwordPolicy = PasswordPolicy.DEFAULT;
        private boolean dateOfBirthCheck = true;
        private int maxDateOfBirthAttempts = 5;
        private int maxResendsPerHour = 3;
        private int maxResendsPerDay = 10;
        private AgePolicy agePolicy = AgePolicy.NONE;
        private SharedEmailPolicy sharedEmail = SharedEmailPolicy.SHARED_LOGIN_ALLOWED;
        private @Nullable ConsentDocument consent;
        private int messagesPerMinute;
        private Duration reminderBefore = Duration.ZERO;
        private @Nullable URI passwordResetLinkBase;
        private SecondFactorPolicy secondFactor = SecondFactorPolicy.OFF;

        private Builder(PracticeId practiceId) {
            this.practiceId = Objects.requireNonNull(practiceId, "practiceId");
        }

        /**
         * Validates and builds.
         *
         * @return the settings
         * @throws ValidationException naming every bad field, in every group
         */
        public PortalSettings build() {
            Violations v = new Violations();
            PracticeIdentity practice = v.capture(() -> new PracticeIdentity(
                    practiceName, senderAddress, senderName, replyTo, locale, timeZone, defaultPhoneRegion));
            LinkRules links = v.capture(
                    () -> new LinkRules(invitationLinkBase, invitationLifetime, passwordResetLinkBase, reminderBefore));
            RegistrationRules registration = v.capture(() -> new RegistrationRules(
                    passwordPolicy,
                    dateOfBirthCheck,
                    maxDateOfBirthAttempts,
                    agePolicy,
                    sharedEmail,
                    consent,
                    secondFactor));
            DeliveryRules delivery = v.capture(
                    () -> new DeliveryRules(smsNotice, messagesPerMinute, maxResendsPerHour, maxResendsPerDay));
            v.throwIfAny();
            return new PortalSettings(
                    practiceId,
                    enabled,
                    Objects.requireNonNull(practice),
                    Objects.requireNonNull(links),
                    Objects.requireNonNull(registration),
                    Objects.requireNonNull(delivery));
        }

        /**
         * Sets the whole practice identity group.
         *
         * @param value the practice's name, sender, language, time zone and phone region
         * @return this
         */
        public Builder practice(PracticeIdentity value) {
            this.practiceName = value.name();
            this.senderAddress = value.senderAddress();
            this.senderName = value.senderName();
            this.replyTo = value.replyTo();
            this.locale = value.locale();
            this.timeZone = value.timeZone();
            this.defaultPhoneRegion = value.defaultPhoneRegion();
            return this;
        }

        /**
         * Sets the whole link group.
         *
         * @param value the pages, link lifetime and reminder
         * @return this
         */
        public Builder links(LinkRules value) {
            this.invitationLinkBase = value.invitationLinkBase();
            this.invitationLifetime = value.invitationLifetime();
            this.passwordResetLinkBase = value.passwordResetLinkBase();
            this.reminderBefore = value.reminderBefore();
            return this;
        }

        /**
         * Sets the whole registration group.
         *
         * @param value the password, date-of-birth, age, shared-login, consent and second-factor rules
         * @return this
         */
        public Builder registration(RegistrationRules value) {
            this.passwordPolicy = value.passwordPolicy();
            this.dateOfBirthCheck = value.dateOfBirthCheck();
            this.maxDateOfBirthAttempts = value.maxDateOfBirthAttempts();
            this.agePolicy = value.agePolicy();
            this.sharedEmail = value.sharedEmail();
            this.consent = value.consent();
            this.secondFactor = value.secondFactor();
            return this;
        }

        /**
         * Sets the whole delivery group.
         *
         * @param value the SMS notice, pacing and resend limits
         * @return this
         */
        public Builder delivery(DeliveryRules value) {
            this.smsNotice = value.smsNotice();
            this.messagesPerMinute = value.messagesPerMinute();
            this.maxResendsPerHour = value.maxResendsPerHour();
            this.maxResendsPerDay = value.maxResendsPerDay();
            return this;
        }

        /**
         * Sets whether invitations may be sent.
         *
         * @param value whether invitations may be sent
         * @return this
         */
        public Builder enabled(boolean value) {
            this.enabled = value;
            return this;
        }

        /**
         * Sets the display name used in messages.
         *
         * @param value the display name used in messages
         * @return this
         */
        public Builder practiceName(String value) {
            this.practiceName = value;
            return this;
        }

        /**
         * Sets the https URL of the invitation page.
         *
         * @param value the https URL of the invitation page
         * @return this
         */
        public Builder invitationLinkBase(String value) {
            try {
                this.invitationLinkBase = new URI(value);
            } catch (URISyntaxException | NullPointerException e) {
                throw new ValidationException("settings.invitationLinkBase", "url.syntax", "is not a valid URL");
            }
            return this;
        }

        /**
         * Sets how long a link stays valid.
         *
         * @param value how long a link stays valid
         * @return this
         */
        public Builder invitationLifetime(Duration value) {
            this.invitationLifetime = value;
            return this;
        }

        /**
         * Sets whether an SMS notice accompanies the email.
         *
         * @param value whether an SMS notice accompanies the email
         * @return this
         */
        public Builder smsNotice(boolean value) {
            this.smsNotice = value;
            return this;
        }

        /**
         * Sets the From address, or null for the library default.
         *
         * @param value the From address, or null for the library default
         * @return this
         */
        public Builder senderAddress(@Nullable EmailAddress value) {
            this.senderAddress = value;
            return this;
        }

        /**
         * Sets the From display name, or null for the practice name.
         *
         * @param value the From display name, or null for the practice name
         * @return this
         */
        public Builder senderName(@Nullable String value) {
            this.senderName = value;
            return this;
        }

        /**
         * Sets the Reply-To address, or null.
         *
         * @param value the Reply-To address, or null
         * @return this
         */
        public Builder replyTo(@Nullable EmailAddress value) {
            this.replyTo = value;
            return this;
        }

        /**
         * Sets language of messages.
         *
         * @param value language of messages
         * @return this
         */
        public Builder locale(Locale value) {
            this.locale = value;
            return this;
        }

        /**
         * Sets the practice's time zone.
         *
         * @param value the practice's time zone
         * @return this
         */
        public Builder timeZone(ZoneId value) {
            this.timeZone = value;
            return this;
        }

        /**
         * Sets ISO 3166 region for national mobile numbers.
         *
         * @param value ISO 3166 region for national mobile numbers
         * @return this
         */
        public Builder defaultPhoneRegion(String value) {
            this.defaultPhoneRegion = value;
            return this;
        }

        /**
         * Sets the password length rules.
         *
         * @param value the password length rules
         * @return this
         */
        public Builder passwordPolicy(PasswordPolicy value) {
            this.passwordPolicy = value;
            return this;
        }

        /**
         * Sets whether registration asks for the patient's date of birth.
         *
         * @param value whether registration asks for the patient's date of birth
         * @return this
         */
        public Builder dateOfBirthCheck(boolean value) {
            this.dateOfBirthCheck = value;
            return this;
        }

        /**
         * Sets wrong dates of birth tolerated before the link is revoked.
         *
         * @param value wrong dates of birth tolerated before the link is revoked
         * @return this
         */
        public Builder maxDateOfBirthAttempts(int value) {
            this.maxDateOfBirthAttempts = value;
            return this;
        }

        /**
         * Sets resends per invitation per hour.
         *
         * @param value resends per invitation per hour
         * @return this
         */
        public Builder maxResendsPerHour(int value) {
            this.maxResendsPerHour = value;
            return this;
        }

        /**
         * Sets resends per invitation per 24 hours.
         *
         * @param value resends per invitation per 24 hours
         * @return this
         */
        public Builder maxResendsPerDay(int value) {
            this.maxResendsPerDay = value;
            return this;
        }

        /**
         * Sets the age rules (default {@link AgePolicy#NONE}).
         *
         * @param value the rules, e.g. {@link AgePolicy#AU_MY_HEALTH_RECORD}
         * @return this
         */
        public Builder agePolicy(AgePolicy value) {
            this.agePolicy = value;
            return this;
        }

        /**
         * Sets the outbound messages per minute and channel the outbox may send; 0 = unlimited.
         *
         * @param value messages per minute, 0 to {@value DeliveryRules#MAX_MESSAGES_PER_MINUTE}
         * @return this
         */
        public Builder messagesPerMinute(int value) {
            this.messagesPerMinute = value;
            return this;
        }

        /**
         * Sets whether one login may hold SELF access for several patients (default allowed).
         *
         * @param value the policy
         * @return this
         */
        public Builder sharedEmail(SharedEmailPolicy value) {
            this.sharedEmail = value;
            return this;
        }

        /**
         * Sets how long before expiry a reminder goes to invitees who have not registered;
         * {@link Duration#ZERO} turns reminders off.
         *
         * @param value zero, or shorter than the link lifetime
         * @return this
         */
        public Builder reminderBefore(Duration value) {
            this.reminderBefore = value;
            return this;
        }

        /**
         * Sets the privacy notice and terms invitees must accept (default none).
         *
         * @param value the document, or null for none
         * @return this
         */
        public Builder consent(@Nullable ConsentDocument value) {
            this.consent = value;
            return this;
        }

        /**
         * Sets the https URL of the password-reset page, or null for {@code password-reset} next to
         * the invitation page.
         *
         * @param value the URL, or null
         * @return this
         */
        public Builder passwordResetLinkBase(@Nullable String value) {
            try {
                this.passwordResetLinkBase = value == null ? null : new URI(value);
            } catch (URISyntaxException e) {
                throw new ValidationException("settings.passwordResetLinkBase", "url.syntax", "is not a valid URL");
            }
            return this;
        }

        /**
         * Sets whether sign-in asks for a second factor (default {@link SecondFactorPolicy#OFF}). A
         * password minimum below 15 needs {@link SecondFactorPolicy#REQUIRED}.
         *
         * @param value the policy
         * @return this
         */
        public Builder secondFactor(SecondFactorPolicy value) {
            this.secondFactor = value;
            return this;
        }
    }
}
