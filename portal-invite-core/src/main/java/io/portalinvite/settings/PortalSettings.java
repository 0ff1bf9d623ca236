package io.portalinvite.settings;

import io.portalinvite.common.PracticeId;
import io.portalinvite.common.SmsText;
import io.portalinvite.common.TextRules;
import io.portalinvite.common.ValidationException;
import io.portalinvite.common.Violations;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.party.PhoneNumber;
import io.portalinvite.password.PasswordPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.Normalizer;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One practice's Patient Portal settings. Immutable; change them through {@link #toBuilder()}.
 *
 * <p>One piece on purpose, though long: the record, its {@link Builder} and the {@link Setting}
 * keys must list the same settings, and keeping them in one file keeps them in step.
 *
 * <p>Defaults follow {@code docs/link-lifetime.md}: a 7-day link with the date-of-birth check on.
 * {@link #strictPreset(PracticeId)} gives NIST's 24 hours for emailed codes.
 *
 * @param practiceId the practice
 * @param enabled whether invitations may be sent
 * @param practiceName the neutral display name used in messages and the link preview; it follows
 *     the SMS text rule ({@link SmsText}: nothing that reads as a link) and, like a patient's name,
 *     may not mix scripts within a word
 * @param invitationLinkBase the https URL of the invitation page; the token is appended as a query
 *     parameter. Taken from configuration, never from a request's Host header (checklist A11)
 * @param invitationLifetime how long a link stays valid
 * @param smsNotice whether an SMS notice accompanies the email when a mobile is known
 * @param senderAddress the From address, or null for the library-wide default
 * @param senderName the From display name, or null for the practice name; the same rules as the
 *     practice name
 * @param replyTo the Reply-To address, or null for none
 * @param locale language of messages
 * @param timeZone the practice's time zone, for expiry dates in messages and for birthdays
 * @param defaultPhoneRegion ISO 3166 region for mobile numbers typed in national form
 * @param passwordPolicy the password length rules
 * @param dateOfBirthCheck whether the invitee must enter the patient's date of birth to register
 * @param maxDateOfBirthAttempts wrong dates of birth tolerated before the link is revoked
 * @param maxResendsPerHour resends allowed per invitation within any hour
 * @param maxResendsPerDay resends allowed per invitation within any 24 hours
 * @param agePolicy the age rules for own accounts and parental access
 * @param sharedEmail whether one login may hold SELF access for several patients
 * @param consent the privacy notice and terms to accept at registration, or null for none
 * @param messagesPerMinute outbound messages per minute and channel the outbox may send for this practice
 *     (its SMTP relay and SMS account are not flooded by a bulk invitation); 0 = unlimited
 * @param reminderBefore how long before expiry one reminder email goes to invitees who have not
 *     registered; {@link Duration#ZERO} = no reminder
 * @param passwordResetLinkBase the https URL of the password-reset page; null = {@code password-reset}
 *     next to the invitation page (see {@link #resetLinkBase()})
 */
public record PortalSettings(
        PracticeId practiceId,
        boolean enabled,
        String practiceName,
        URI invitationLinkBase,
        Duration invitationLifetime,
        boolean smsNotice,
        @Nullable EmailAddress senderAddress,
        @Nullable String senderName,
        @Nullable EmailAddress replyTo,
        Locale locale,
        ZoneId timeZone,
        String defaultPhoneRegion,
        PasswordPolicy passwordPolicy,
        boolean dateOfBirthCheck,
        int maxDateOfBirthAttempts,
        int maxResendsPerHour,
        int maxResendsPerDay,
        AgePolicy agePolicy,
        SharedEmailPolicy sharedEmail,
        @Nullable ConsentDocument consent,
        int messagesPerMinute,
        Duration reminderBefore,
        @Nullable URI passwordResetLinkBase) {

    /** Shortest link lifetime accepted. */
    public static final Duration MIN_LIFETIME = Duration.ofMinutes(15);
    /** Longest link lifetime accepted: the ceiling NIST SP 800-63A allows an enrolment code. */
    public static final Duration MAX_LIFETIME = Duration.ofDays(7);
    /** Default link lifetime. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(7);
    /** Link lifetime of the strict preset: NIST's figure for codes sent by email. */
    public static final Duration STRICT_LIFETIME = Duration.ofHours(24);
    /** Highest pacing accepted: {@value} messages per minute and channel. */
    public static final int MAX_MESSAGES_PER_MINUTE = 100_000;

    /** Validates every field and reports all problems together. */
    public PortalSettings {
        Violations v = new Violations();
        Objects.requireNonNull(practiceId, "practiceId");
        String rawName = practiceName;
        String name = v.capture(() -> messageName("settings.practiceName", rawName));
        practiceName = name == null ? "" : name;
        if (invitationLinkBase == null) {
            v.add("settings.invitationLinkBase", "required", "is required");
        } else {
            URI base = invitationLinkBase;
            v.capture(() -> checkLinkBase(base, "settings.invitationLinkBase"));
        }
        if (invitationLifetime == null
                || invitationLifetime.compareTo(MIN_LIFETIME) < 0
                || invitationLifetime.compareTo(MAX_LIFETIME) > 0) {
            v.add("settings.invitationLifetime", "range", "must be between 15 minutes and 7 days");
        }
        if (senderName != null) {
            String rawSender = senderName;
            senderName = v.capture(() -> messageName("settings.senderName", rawSender));
        }
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(timeZone, "timeZone");
        if (!PhoneNumber.isSupportedRegion(defaultPhoneRegion)) {
            v.add("settings.defaultPhoneRegion", "region", "must be a two-letter region code such as AU");
        } else {
            defaultPhoneRegion = defaultPhoneRegion.toUpperCase(Locale.ROOT);
        }
        Objects.requireNonNull(passwordPolicy, "passwordPolicy");
        if (maxDateOfBirthAttempts < 1 || maxDateOfBirthAttempts > 10) {
            v.add("settings.maxDateOfBirthAttempts", "range", "must be between 1 and 10");
        }
        if (maxResendsPerHour < 1 || maxResendsPerHour > 10) {
            v.add("settings.maxResendsPerHour", "range", "must be between 1 and 10");
        }
        if (maxResendsPerDay < maxResendsPerHour || maxResendsPerDay > 50) {
            v.add("settings.maxResendsPerDay", "range", "must be between the hourly limit and 50");
        }
        Objects.requireNonNull(agePolicy, "agePolicy");
        Objects.requireNonNull(sharedEmail, "sharedEmail");
        if (messagesPerMinute < 0 || messagesPerMinute > MAX_MESSAGES_PER_MINUTE) {
            v.add(
                    "settings.messagesPerMinute",
                    "range",
                    "must be between 0 (unlimited) and " + MAX_MESSAGES_PER_MINUTE);
        }
        if (reminderBefore == null
                || reminderBefore.isNegative()
                || (!reminderBefore.isZero()
                        && invitationLifetime != null
                        && reminderBefore.compareTo(invitationLifetime) >= 0)) {
            v.add("settings.reminderBefore", "range", "must be zero (off) or shorter than the link lifetime");
        }
        if (passwordResetLinkBase != null) {
            URI resetBase = passwordResetLinkBase;
            v.capture(() -> checkLinkBase(resetBase, "settings.passwordResetLinkBase"));
        }
        v.throwIfAny();
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
        Builder b = new Builder(practiceId);
        b.enabled = enabled;
        b.practiceName = practiceName;
        b.invitationLinkBase = invitationLinkBase;
        b.invitationLifetime = invitationLifetime;
        b.smsNotice = smsNotice;
        b.senderAddress = senderAddress;
        b.senderName = senderName;
        b.replyTo = replyTo;
        b.locale = locale;
        b.timeZone = timeZone;
        b.defaultPhoneRegion = defaultPhoneRegion;
        b.passwordPolicy = passwordPolicy;
        b.dateOfBirthCheck = dateOfBirthCheck;
        b.maxDateOfBirthAttempts = maxDateOfBirthAttempts;
        b.maxResendsPerHour = maxResendsPerHour;
        b.maxResendsPerDay = maxResendsPerDay;
        b.agePolicy = agePolicy;
        b.sharedEmail = sharedEmail;
        b.consent = consent;
        b.messagesPerMinute = messagesPerMinute;
        b.reminderBefore = reminderBefore;
        b.passwordResetLinkBase = passwordResetLinkBase;
        return b;
    }

    /**
     * A name shown to patients in messages (the practice's, the sender's): at most 100 characters,
     * no look-alike words mixing scripts (as in patients' names), and nothing that may not appear in
     * an SMS ({@link SmsText}), since the practice name is merged into the SMS notice and a sender
     * name often stands in for it.
     */
    private static String messageName(String field, @Nullable String raw) {
        String value = TextRules.requireText(field, raw);
        TextRules.refuseControlCharacters(field, value);
        TextRules.requireMaxLength(field, value, 100);
        TextRules.refuseMixedScriptWords(field, Normalizer.normalize(value, Normalizer.Form.NFKC));
        SmsText.check(field, value);
        return value;
    }

    private static URI checkLinkBase(URI uri, String field) {
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (scheme == null
                || host == null
                || !uri.isAbsolute()
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            throw new ValidationException(
                    field, "url.syntax", "must be an absolute URL without query, fragment or credentials");
        }
        boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
            throw new ValidationException(field, "url.https", "must use https (http only for localhost)");
        }
        return uri;
    }

    /**
     * One setting a practice may choose for itself; every setting it has not chosen follows the
     * host's defaults ({@link io.portalinvite.PortalInvite.Builder#settingsDefaults}), also when
     * the host changes them later. See {@link SettingsOverrides}.
     */
    public enum Setting {
        /** {@link PortalSettings#enabled()}. */
        ENABLED(Boolean.class, false, PortalSettings::enabled, (b, v) -> b.enabled = (Boolean) v),
        /** {@link PortalSettings#practiceName()}. */
        PRACTICE_NAME(String.class, false, PortalSettings::practiceName, (b, v) -> b.practiceName = (String) v),
        /** {@link PortalSettings#invitationLinkBase()}. */
        INVITATION_LINK_BASE(
                URI.class, false, PortalSettings::invitationLinkBase, (b, v) -> b.invitationLinkBase = (URI) v),
        /** {@link PortalSettings#invitationLifetime()}. */
        INVITATION_LIFETIME(
                Duration.class,
                false,
                PortalSettings::invitationLifetime,
                (b, v) -> b.invitationLifetime = (Duration) v),
        /** {@link PortalSettings#smsNotice()}. */
        SMS_NOTICE(Boolean.class, false, PortalSettings::smsNotice, (b, v) -> b.smsNotice = (Boolean) v),
        /** {@link PortalSettings#senderAddress()}. */
        SENDER_ADDRESS(
                EmailAddress.class, true, PortalSettings::senderAddress, (b, v) -> b.senderAddress = (EmailAddress) v),
        /** {@link PortalSettings#senderName()}. */
        SENDER_NAME(String.class, true, PortalSettings::senderName, (b, v) -> b.senderName = (String) v),
        /** {@link PortalSettings#replyTo()}. */
        REPLY_TO(EmailAddress.class, true, PortalSettings::replyTo, (b, v) -> b.replyTo = (EmailAddress) v),
        /** {@link PortalSettings#locale()}. */
        LOCALE(Locale.class, false, PortalSettings::locale, (b, v) -> b.locale = (Locale) v),
        /** {@link PortalSettings#timeZone()}. */
        TIME_ZONE(ZoneId.class, false, PortalSettings::timeZone, (b, v) -> b.timeZone = (ZoneId) v),
        /** {@link PortalSettings#defaultPhoneRegion()}. */
        DEFAULT_PHONE_REGION(
                String.class, false, PortalSettings::defaultPhoneRegion, (b, v) -> b.defaultPhoneRegion = (String) v),
        /** {@link PortalSettings#passwordPolicy()}. */
        PASSWORD_POLICY(
                PasswordPolicy.class,
                false,
                PortalSettings::passwordPolicy,
                (b, v) -> b.passwordPolicy = (PasswordPolicy) v),
        /** {@link PortalSettings#dateOfBirthCheck()}. */
        DATE_OF_BIRTH_CHECK(
                Boolean.class, false, PortalSettings::dateOfBirthCheck, (b, v) -> b.dateOfBirthCheck = (Boolean) v),
        /** {@link PortalSettings#maxDateOfBirthAttempts()}. */
        MAX_DATE_OF_BIRTH_ATTEMPTS(
                Integer.class,
                false,
                PortalSettings::maxDateOfBirthAttempts,
                (b, v) -> b.maxDateOfBirthAttempts = (Integer) v),
        /** {@link PortalSettings#maxResendsPerHour()}. */
        MAX_RESENDS_PER_HOUR(
                Integer.class, false, PortalSettings::maxResendsPerHour, (b, v) -> b.maxResendsPerHour = (Integer) v),
        /** {@link PortalSettings#maxResendsPerDay()}. */
        MAX_RESENDS_PER_DAY(
                Integer.class, false, PortalSettings::maxResendsPerDay, (b, v) -> b.maxResendsPerDay = (Integer) v),
        /** {@link PortalSettings#agePolicy()}. */
        AGE_POLICY(AgePolicy.class, false, PortalSettings::agePolicy, (b, v) -> b.agePolicy = (AgePolicy) v),
        /** {@link PortalSettings#sharedEmail()}. */
        SHARED_EMAIL(
                SharedEmailPolicy.class,
                false,
                PortalSettings::sharedEmail,
                (b, v) -> b.sharedEmail = (SharedEmailPolicy) v),
        /** {@link PortalSettings#consent()}. */
        CONSENT(ConsentDocument.class, true, PortalSettings::consent, (b, v) -> b.consent = (ConsentDocument) v),
        /** {@link PortalSettings#messagesPerMinute()}. */
        MESSAGES_PER_MINUTE(
                Integer.class, false, PortalSettings::messagesPerMinute, (b, v) -> b.messagesPerMinute = (Integer) v),
        /** {@link PortalSettings#reminderBefore()}. */
        REMINDER_BEFORE(
                Duration.class, false, PortalSettings::reminderBefore, (b, v) -> b.reminderBefore = (Duration) v),
        /** {@link PortalSettings#passwordResetLinkBase()}. */
        PASSWORD_RESET_LINK_BASE(
                URI.class, true, PortalSettings::passwordResetLinkBase, (b, v) -> b.passwordResetLinkBase = (URI) v);

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

        private Builder(PracticeId practiceId) {
            this.practiceId = Objects.requireNonNull(practiceId, "practiceId");
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
         * Validates and builds.
         *
         * @return the settings
         * @throws ValidationException naming every bad field
         */
        public PortalSettings build() {
            return new PortalSettings(
                    practiceId,
                    enabled,
                    practiceName,
                    invitationLinkBase,
                    invitationLifetime,
                    smsNotice,
                    senderAddress,
                    senderName,
                    replyTo,
                    locale,
                    timeZone,
                    defaultPhoneRegion,
                    passwordPolicy,
                    dateOfBirthCheck,
                    maxDateOfBirthAttempts,
                    maxResendsPerHour,
                    maxResendsPerDay,
                    agePolicy,
                    sharedEmail,
                    consent,
                    messagesPerMinute,
                    reminderBefore,
                    passwordResetLinkBase);
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
         * @param value messages per minute, 0 to {@value PortalSettings#MAX_MESSAGES_PER_MINUTE}
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
    }

    /**
     * Returns the page the password-reset link points to: {@link #passwordResetLinkBase()} when set,
     * otherwise {@code password-reset} resolved against the invitation page, so that
     * {@code https://portal.example/invitation} gives {@code https://portal.example/password-reset}.
     * Both come from configuration, never from a request (checklist A11).
     *
     * @return the reset page URL
     */
    public URI resetLinkBase() {
        return passwordResetLinkBase != null ? passwordResetLinkBase : invitationLinkBase.resolve("password-reset");
    }

    /**
     * Tells whether the outbox paces this practice's messages.
     *
     * @return true when {@link #messagesPerMinute()} is above zero
     */
    public boolean paced() {
        return messagesPerMinute > 0;
    }
}
