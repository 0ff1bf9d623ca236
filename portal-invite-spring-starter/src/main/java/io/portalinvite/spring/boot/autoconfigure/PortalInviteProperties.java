package io.portalinvite.spring.boot.autoconfigure;

import io.portalinvite.common.PracticeId;
import io.portalinvite.password.PasswordPolicy;
import io.portalinvite.settings.AgePolicy;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.settings.SharedEmailPolicy;
import io.portalinvite.smtp.SmtpSettings;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the portal-invite starter, under {@code portal.invite}.
 *
 * <p>Practice-level settings (link lifetime, SMS notice, practice name...) are not here: each practice
 * keeps them in the database through {@code PortalInvite.settings()}.
 */
@ConfigurationProperties("portal.invite")
public class PortalInviteProperties {

    /** Whether to auto-configure portal-invite at all. */
    private boolean enabled = true;

    /**
     * Base64 secret (at least 32 bytes) that invitation links are derived from. Use the same key on
     * every node and keep it out of the database. When absent a random key is generated and a warning
     * logged: links then stop working on restart, so never leave it unset in production.
     */
    private @Nullable String tokenKey;

    /** From address used for practices that configure none. */
    private String defaultSender = "no-reply@portal.invalid";

    /** Domain part of generated email Message-IDs, e.g. the host's mail domain. */
    private String messageIdDomain = "portal-invite";

    /** When failed sends are retried. */
    private final Retry retry = new Retry();

    /** Login throttling and locking. */
    private final Login login = new Login();

    /** Argon2id password hashing. */
    private final Hashing hashing = new Hashing();

    /** How invitation emails are sent. */
    private final Email email = new Email();

    /** How SMS notices are sent. */
    private final Sms sms = new Sms();

    /** The outbox dispatcher that sends queued messages after commit. */
    private final Dispatcher dispatcher = new Dispatcher();

    /** JDBC storage, used when the application has a DataSource. */
    private final Jdbc jdbc = new Jdbc();

    /** Actuator health. */
    private final Health health = new Health();

    /** Settings of a practice that never saved its own. */
    private final PracticeDefaults practiceDefaults = new PracticeDefaults();

    /** How long audit entries are kept before the retention purge deletes them; unset keeps them for ever. */
    private @Nullable Duration auditRetention;

    /** The optional patient-facing invitation page and JSON endpoints. */
    private final Web web = new Web();

    /**
     * Returns whether the starter is enabled.
     *
     * @return the flag
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Sets whether the starter is enabled.
     *
     * @param enabled the flag
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * Returns the base64 token key, if configured.
     *
     * @return the key or null
     */
    public @Nullable String getTokenKey() {
        return tokenKey;
    }

    /**
     * Sets the base64 token key.
     *
     * @param tokenKey the key
     */
    public void setTokenKey(@Nullable String tokenKey) {
        this.tokenKey = tokenKey;
    }

    /**
     * Returns the default From address.
     *
     * @return the address
     */
    public String getDefaultSender() {
        return defaultSender;
    }

    /**
     * Sets the default From address.
     *
     * @param defaultSender the address
     */
    public void setDefaultSender(String defaultSender) {
        this.defaultSender = defaultSender;
    }

    /**
     * Returns the Message-ID domain.
     *
     * @return the domain
     */
    public String getMessageIdDomain() {
        return messageIdDomain;
    }

    /**
     * Sets the Message-ID domain.
     *
     * @param messageIdDomain the domain
     */
    public void setMessageIdDomain(String messageIdDomain) {
        this.messageIdDomain = messageIdDomain;
    }

    /**
     * Returns the retry settings.
     *
     * @return the settings
     */
    public Retry getRetry() {
        return retry;
    }

    /**
     * Returns the login settings.
     *
     * @return the settings
     */
    public Login getLogin() {
        return login;
    }

    /**
     * Returns the hashing settings.
     *
     * @return the settings
     */
    public Hashing getHashing() {
        return hashing;
    }

    /**
     * Returns the email settings.
     *
     * @return the settings
     */
    public Email getEmail() {
        return email;
    }

    /**
     * Returns the SMS settings.
     *
     * @return the settings
     */
    public Sms getSms() {
        return sms;
    }

    /**
     * Returns the dispatcher settings.
     *
     * @return the settings
     */
    public Dispatcher getDispatcher() {
        return dispatcher;
    }

    /**
     * Returns the JDBC settings.
     *
     * @return the settings
     */
    public Jdbc getJdbc() {
        return jdbc;
    }

    /**
     * Returns the health settings.
     *
     * @return the settings
     */
    public Health getHealth() {
        return health;
    }

    /**
     * Returns the audit retention period.
     *
     * @return the period, or null when entries are kept for ever
     */
    public @Nullable Duration getAuditRetention() {
        return auditRetention;
    }

    /**
     * Sets the audit retention period.
     *
     * @param auditRetention at least one day, or null to keep entries for ever
     */
    public void setAuditRetention(@Nullable Duration auditRetention) {
        this.auditRetention = auditRetention;
    }

    /**
     * Returns the settings used for practices that never saved their own.
     *
     * @return the settings
     */
    public PracticeDefaults getPracticeDefaults() {
        return practiceDefaults;
    }

    /**
     * Returns the web endpoint settings.
     *
     * @return the settings
     */
    public Web getWeb() {
        return web;
    }

    /** When failed sends are retried: initial delay × multiplier^n ± jitter, up to max attempts. */
    public static class Retry {

        /** Delay before the first retry. */
        private Duration initialDelay = Duration.ofMinutes(1);

        /** Factor the delay grows by after each failed attempt. */
        private double multiplier = 2.0;

        /** Random spread applied to each delay, as a fraction (0.2 = ±20 %). */
        private double jitter = 0.2;

        /** Attempts before a message is failed for good and staff are told. */
        private int maxAttempts = 8;

        /** Longest delay between two attempts. */
        private Duration maxDelay = Duration.ofHours(2);

        /**
         * Returns the initial delay.
         *
         * @return the delay
         */
        public Duration getInitialDelay() {
            return initialDelay;
        }

        /**
         * Sets the initial delay.
         *
         * @param initialDelay the delay
         */
        public void setInitialDelay(Duration initialDelay) {
            this.initialDelay = initialDelay;
        }

        /**
         * Returns the multiplier.
         *
         * @return the multiplier
         */
        public double getMultiplier() {
            return multiplier;
        }

        /**
         * Sets the multiplier.
         *
         * @param multiplier the multiplier
         */
        public void setMultiplier(double multiplier) {
            this.multiplier = multiplier;
        }

        /**
         * Returns the jitter.
         *
         * @return the fraction
         */
        public double getJitter() {
            return jitter;
        }

        /**
         * Sets the jitter.
         *
         * @param jitter the fraction
         */
        public void setJitter(double jitter) {
            this.jitter = jitter;
        }

        /**
         * Returns the maximum attempts.
         *
         * @return the count
         */
        public int getMaxAttempts() {
            return maxAttempts;
        }

        /**
         * Sets the maximum attempts.
         *
         * @param maxAttempts the count
         */
        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        /**
         * Returns the maximum delay.
         *
         * @return the delay
         */
        public Duration getMaxDelay() {
            return maxDelay;
        }

        /**
         * Sets the maximum delay.
         *
         * @param maxDelay the delay
         */
        public void setMaxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
        }
    }

    /** Login throttling: a growing delay from the n-th failure, a hard lock later. */
    public static class Login {

        /** Consecutive failures after which further attempts are delayed. */
        private int throttleFrom = 5;

        /** First throttling delay; it doubles with each further failure. */
        private Duration throttleInitialDelay = Duration.ofSeconds(1);

        /** Longest throttling delay. */
        private Duration throttleMaxDelay = Duration.ofMinutes(15);

        /** Consecutive failures after which the account is locked (at most 100). */
        private int lockAt = 100;

        /**
         * Returns the throttle threshold.
         *
         * @return the failure count
         */
        public int getThrottleFrom() {
            return throttleFrom;
        }

        /**
         * Sets the throttle threshold.
         *
         * @param throttleFrom the failure count
         */
        public void setThrottleFrom(int throttleFrom) {
            this.throttleFrom = throttleFrom;
        }

        /**
         * Returns the first throttling delay.
         *
         * @return the delay
         */
        public Duration getThrottleInitialDelay() {
            return throttleInitialDelay;
        }

        /**
         * Sets the first throttling delay.
         *
         * @param throttleInitialDelay the delay
         */
        public void setThrottleInitialDelay(Duration throttleInitialDelay) {
            this.throttleInitialDelay = throttleInitialDelay;
        }

        /**
         * Returns the longest throttling delay.
         *
         * @return the delay
         */
        public Duration getThrottleMaxDelay() {
            return throttleMaxDelay;
        }

        /**
         * Sets the longest throttling delay.
         *
         * @param throttleMaxDelay the delay
         */
        public void setThrottleMaxDelay(Duration throttleMaxDelay) {
            this.throttleMaxDelay = throttleMaxDelay;
        }

        /**
         * Returns the lock threshold.
         *
         * @return the failure count
         */
        public int getLockAt() {
            return lockAt;
        }

        /**
         * Sets the lock threshold.
         *
         * @param lockAt the failure count
         */
        public void setLockAt(int lockAt) {
            this.lockAt = lockAt;
        }
    }

    /** Argon2id parameters and the bound on concurrent hashes. */
    public static class Hashing {

        /** Memory per hash in KiB (OWASP minimum 19456). */
        private int memoryKib = 19456;

        /** Passes over memory. */
        private int iterations = 2;

        /** Lanes per hash. */
        private int parallelism = 1;

        /**
         * Hashes allowed to run at once; further logins wait up to the acquire timeout and then fail
         * with HTTP 503. Default: derived from the available processors.
         */
        private @Nullable Integer maxConcurrent;

        /** How long a login waits for a free hashing slot. */
        private Duration acquireTimeout = Duration.ofSeconds(5);

        /**
         * Returns the memory in KiB.
         *
         * @return the memory
         */
        public int getMemoryKib() {
            return memoryKib;
        }

        /**
         * Sets the memory in KiB.
         *
         * @param memoryKib the memory
         */
        public void setMemoryKib(int memoryKib) {
            this.memoryKib = memoryKib;
        }

        /**
         * Returns the iterations.
         *
         * @return the iterations
         */
        public int getIterations() {
            return iterations;
        }

        /**
         * Sets the iterations.
         *
         * @param iterations the iterations
         */
        public void setIterations(int iterations) {
            this.iterations = iterations;
        }

        /**
         * Returns the parallelism.
         *
         * @return the lanes
         */
        public int getParallelism() {
            return parallelism;
        }

        /**
         * Sets the parallelism.
         *
         * @param parallelism the lanes
         */
        public void setParallelism(int parallelism) {
            this.parallelism = parallelism;
        }

        /**
         * Returns the concurrency bound, if configured.
         *
         * @return the bound or null
         */
        public @Nullable Integer getMaxConcurrent() {
            return maxConcurrent;
        }

        /**
         * Sets the concurrency bound.
         *
         * @param maxConcurrent the bound
         */
        public void setMaxConcurrent(@Nullable Integer maxConcurrent) {
            this.maxConcurrent = maxConcurrent;
        }

        /**
         * Returns the acquire timeout.
         *
         * @return the timeout
         */
        public Duration getAcquireTimeout() {
            return acquireTimeout;
        }

        /**
         * Sets the acquire timeout.
         *
         * @param acquireTimeout the timeout
         */
        public void setAcquireTimeout(Duration acquireTimeout) {
            this.acquireTimeout = acquireTimeout;
        }
    }

    /** Email delivery. */
    public static class Email {

        /** The SMTP relay. */
        private final Smtp smtp = new Smtp();

        /**
         * Returns the SMTP settings.
         *
         * @return the settings
         */
        public Smtp getSmtp() {
            return smtp;
        }
    }

    /**
     * The SMTP relay. When {@code host} is not set, {@code spring.mail.host}, {@code port},
     * {@code username} and {@code password} are used instead.
     */
    public static class Smtp {

        /** Relay host name. */
        private @Nullable String host;

        /** Relay port. Default: 587 for STARTTLS, 465 for IMPLICIT_TLS, 25 for NONE. */
        private @Nullable Integer port;

        /** Transport security; NONE only for a relay on the same host. */
        private SmtpSettings.Security security = SmtpSettings.Security.STARTTLS;

        /** Login user name. */
        private @Nullable String username;

        /** Login password. */
        private @Nullable String password;

        /** Connect timeout. */
        private Duration connectTimeout = SmtpSettings.DEFAULT_CONNECT_TIMEOUT;

        /** Read timeout. */
        private Duration readTimeout = SmtpSettings.DEFAULT_READ_TIMEOUT;

        /** Write timeout. */
        private Duration writeTimeout = SmtpSettings.DEFAULT_WRITE_TIMEOUT;

        /**
         * Returns the host.
         *
         * @return the host or null
         */
        public @Nullable String getHost() {
            return host;
        }

        /**
         * Sets the host.
         *
         * @param host the host
         */
        public void setHost(@Nullable String host) {
            this.host = host;
        }

        /**
         * Returns the port.
         *
         * @return the port or null
         */
        public @Nullable Integer getPort() {
            return port;
        }

        /**
         * Sets the port.
         *
         * @param port the port
         */
        public void setPort(@Nullable Integer port) {
            this.port = port;
        }

        /**
         * Returns the transport security.
         *
         * @return the security
         */
        public SmtpSettings.Security getSecurity() {
            return security;
        }

        /**
         * Sets the transport security.
         *
         * @param security the security
         */
        public void setSecurity(SmtpSettings.Security security) {
            this.security = security;
        }

        /**
         * Returns the user name.
         *
         * @return the user or null
         */
        public @Nullable String getUsername() {
            return username;
        }

        /**
         * Sets the user name.
         *
         * @param username the user
         */
        public void setUsername(@Nullable String username) {
            this.username = username;
        }

        /**
         * Returns the password.
         *
         * @return the password or null
         */
        public @Nullable String getPassword() {
            return password;
        }

        /**
         * Sets the password.
         *
         * @param password the password
         */
        public void setPassword(@Nullable String password) {
            this.password = password;
        }

        /**
         * Returns the connect timeout.
         *
         * @return the timeout
         */
        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        /**
         * Sets the connect timeout.
         *
         * @param connectTimeout the timeout
         */
        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        /**
         * Returns the read timeout.
         *
         * @return the timeout
         */
        public Duration getReadTimeout() {
            return readTimeout;
        }

        /**
         * Sets the read timeout.
         *
         * @param readTimeout the timeout
         */
        public void setReadTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
        }

        /**
         * Returns the write timeout.
         *
         * @return the timeout
         */
        public Duration getWriteTimeout() {
            return writeTimeout;
        }

        /**
         * Sets the write timeout.
         *
         * @param writeTimeout the timeout
         */
        public void setWriteTimeout(Duration writeTimeout) {
            this.writeTimeout = writeTimeout;
        }
    }

    /** SMS delivery. */
    public static class Sms {

        /** Twilio; used when its account SID is set. */
        private final Twilio twilio = new Twilio();

        /**
         * Returns the Twilio settings.
         *
         * @return the settings
         */
        public Twilio getTwilio() {
            return twilio;
        }
    }

    /** Twilio's Messages API. */
    public static class Twilio {

        /** Account SID (AC...). Setting it enables the Twilio SMS sender. */
        private @Nullable String accountSid;

        /** Auth token of the account. */
        private @Nullable String authToken;

        /** Sending number in E.164; or set messaging-service-sid instead. */
        private @Nullable String from;

        /** Messaging service SID (MG...), instead of a from number. */
        private @Nullable String messagingServiceSid;

        /** API base URL; change only for a test stand-in. */
        private String baseUrl = "https://api.twilio.com";

        /**
         * Returns the account SID.
         *
         * @return the SID or null
         */
        public @Nullable String getAccountSid() {
            return accountSid;
        }

        /**
         * Sets the account SID.
         *
         * @param accountSid the SID
         */
        public void setAccountSid(@Nullable String accountSid) {
            this.accountSid = accountSid;
        }

        /**
         * Returns the auth token.
         *
         * @return the token or null
         */
        public @Nullable String getAuthToken() {
            return authToken;
        }

        /**
         * Sets the auth token.
         *
         * @param authToken the token
         */
        public void setAuthToken(@Nullable String authToken) {
            this.authToken = authToken;
        }

        /**
         * Returns the from number.
         *
         * @return the number or null
         */
        public @Nullable String getFrom() {
            return from;
        }

        /**
         * Sets the from number.
         *
         * @param from the number
         */
        public void setFrom(@Nullable String from) {
            this.from = from;
        }

        /**
         * Returns the messaging service SID.
         *
         * @return the SID or null
         */
        public @Nullable String getMessagingServiceSid() {
            return messagingServiceSid;
        }

        /**
         * Sets the messaging service SID.
         *
         * @param messagingServiceSid the SID
         */
        public void setMessagingServiceSid(@Nullable String messagingServiceSid) {
            this.messagingServiceSid = messagingServiceSid;
        }

        /**
         * Returns the base URL.
         *
         * @return the URL
         */
        public String getBaseUrl() {
            return baseUrl;
        }

        /**
         * Sets the base URL.
         *
         * @param baseUrl the URL
         */
        public void setBaseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
        }
    }

    /** The outbox dispatcher. */
    public static class Dispatcher {

        /** Whether this node polls the outbox and sends due messages. */
        private boolean enabled = true;

        /** Pause between passes that found nothing to send. */
        private Duration pollInterval = Duration.ofSeconds(5);

        /** Messages claimed per pass. */
        private int batchSize = 50;

        /** How long a claim holds a message before another node may take it; longer than the slowest send. */
        private Duration lease = Duration.ofMinutes(2);

        /**
         * Returns whether the dispatcher runs.
         *
         * @return the flag
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets whether the dispatcher runs.
         *
         * @param enabled the flag
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * Returns the poll interval.
         *
         * @return the interval
         */
        public Duration getPollInterval() {
            return pollInterval;
        }

        /**
         * Sets the poll interval.
         *
         * @param pollInterval the interval
         */
        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }

        /**
         * Returns the batch size.
         *
         * @return the size
         */
        public int getBatchSize() {
            return batchSize;
        }

        /**
         * Sets the batch size.
         *
         * @param batchSize the size
         */
        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }

        /**
         * Returns the lease.
         *
         * @return the lease
         */
        public Duration getLease() {
            return lease;
        }

        /**
         * Sets the lease.
         *
         * @param lease the lease
         */
        public void setLease(Duration lease) {
            this.lease = lease;
        }
    }

    /** JDBC storage. */
    public static class Jdbc {

        /**
         * When to create or upgrade the pi_* tables with Flyway at start-up: EMBEDDED (only for
         * embedded databases such as H2), ALWAYS, or NEVER (apply the scripts with your own tool).
         */
        private SchemaInitialization initializeSchema = SchemaInitialization.EMBEDDED;

        /**
         * Returns the schema initialization mode.
         *
         * @return the mode
         */
        public SchemaInitialization getInitializeSchema() {
            return initializeSchema;
        }

        /**
         * Sets the schema initialization mode.
         *
         * @param initializeSchema the mode
         */
        public void setInitializeSchema(SchemaInitialization initializeSchema) {
            this.initializeSchema = initializeSchema;
        }
    }

    /** When the starter applies the schema scripts. */
    public enum SchemaInitialization {
        /** Only for embedded databases (H2, HSQLDB, Derby). */
        EMBEDDED,
        /** Always. */
        ALWAYS,
        /** Never. */
        NEVER
    }

    /** Actuator health of the outbox. */
    public static class Health {

        /**
         * How long a due message may wait unclaimed before the health indicator reports DOWN (the
         * dispatcher is not running or is stuck).
         */
        private Duration maxOverdue = Duration.ofMinutes(15);

        /**
         * Returns the overdue threshold.
         *
         * @return the threshold
         */
        public Duration getMaxOverdue() {
            return maxOverdue;
        }

        /**
         * Sets the overdue threshold.
         *
         * @param maxOverdue the threshold
         */
        public void setMaxOverdue(Duration maxOverdue) {
            this.maxOverdue = maxOverdue;
        }
    }

    /**
     * Settings a practice has until staff save its own (through {@code PortalInvite.settings()}); the
     * portal stays disabled until a practice is enabled. Checked at start-up with the library's rules.
     */
    public static class PracticeDefaults {

        /** How long an invitation link stays valid: 15m to 7d. */
        private Duration invitationLifetime = PortalSettings.DEFAULT_LIFETIME;

        /** Whether an SMS notice accompanies the email when a mobile number is known. */
        private boolean smsNotice = true;

        /** Whether the invitee must enter the patient's date of birth to register. */
        private boolean dateOfBirthCheck = true;

        /**
         * Age rules: NONE, AU_MY_HEALTH_RECORD (own account and end of parental access at 14), US_12,
         * US_13 or US_18.
         */
        private String agePolicy = "NONE";

        /** Whether one login may hold SELF access for several patients sharing an email address. */
        private SharedEmailPolicy sharedEmail = SharedEmailPolicy.SHARED_LOGIN_ALLOWED;

        /** Language of messages, as a BCP 47 tag such as en-AU. */
        private String locale = "en-AU";

        /** The practice's time zone, for expiry dates in messages and for birthdays. */
        private String timeZone = "Australia/Sydney";

        /** ISO 3166 region for mobile numbers typed in national form. */
        private String phoneRegion = "AU";

        /** Minimum password length in characters: 8 to 64 (15 for single-factor login). */
        private int passwordMinLength = PasswordPolicy.DEFAULT.minLength();

        /**
         * The https URL of the invitation page (the token is appended as a query parameter); the
         * library's placeholder when unset. Never derived from a request's Host header.
         */
        private @Nullable String linkBaseUrl;

        /** The practice's display name in messages and on the invitation page. */
        private String practiceName = "Your practice";

        /** Outbound messages per minute and channel the outbox may send for a practice; 0 = unlimited. */
        private int messagesPerMinute;

        /** How long before expiry one reminder goes to invitees who have not registered; 0 = off. */
        private Duration reminderBefore = Duration.ZERO;

        /**
         * The https URL of the password-reset page; unset = {@code password-reset} next to the invitation
         * page.
         */
        private @Nullable String passwordResetLinkUrl;

        /**
         * Returns the link lifetime.
         *
         * @return the lifetime
         */
        public Duration getInvitationLifetime() {
            return invitationLifetime;
        }

        /**
         * Sets the link lifetime.
         *
         * @param invitationLifetime the lifetime, 15m to 7d
         */
        public void setInvitationLifetime(Duration invitationLifetime) {
            this.invitationLifetime = invitationLifetime;
        }

        /**
         * Returns whether an SMS notice is sent.
         *
         * @return the flag
         */
        public boolean isSmsNotice() {
            return smsNotice;
        }

        /**
         * Sets whether an SMS notice is sent.
         *
         * @param smsNotice the flag
         */
        public void setSmsNotice(boolean smsNotice) {
            this.smsNotice = smsNotice;
        }

        /**
         * Returns whether registration asks for the date of birth.
         *
         * @return the flag
         */
        public boolean isDateOfBirthCheck() {
            return dateOfBirthCheck;
        }

        /**
         * Sets whether registration asks for the date of birth.
         *
         * @param dateOfBirthCheck the flag
         */
        public void setDateOfBirthCheck(boolean dateOfBirthCheck) {
            this.dateOfBirthCheck = dateOfBirthCheck;
        }

        /**
         * Returns the language tag.
         *
         * @return the tag
         */
        public String getLocale() {
            return locale;
        }

        /**
         * Sets the language tag.
         *
         * @param locale a BCP 47 tag such as en-AU
         */
        public void setLocale(String locale) {
            this.locale = locale;
        }

        /**
         * Returns the time zone id.
         *
         * @return the id
         */
        public String getTimeZone() {
            return timeZone;
        }

        /**
         * Sets the time zone id.
         *
         * @param timeZone an id such as Australia/Sydney
         */
        public void setTimeZone(String timeZone) {
            this.timeZone = timeZone;
        }

        /**
         * Returns the phone region.
         *
         * @return the region
         */
        public String getPhoneRegion() {
            return phoneRegion;
        }

        /**
         * Sets the phone region.
         *
         * @param phoneRegion a two-letter region code
         */
        public void setPhoneRegion(String phoneRegion) {
            this.phoneRegion = phoneRegion;
        }

        /**
         * Returns the minimum password length.
         *
         * @return the length
         */
        public int getPasswordMinLength() {
            return passwordMinLength;
        }

        /**
         * Sets the minimum password length.
         *
         * @param passwordMinLength 8 to 64
         */
        public void setPasswordMinLength(int passwordMinLength) {
            this.passwordMinLength = passwordMinLength;
        }

        /**
         * Returns the invitation page URL.
         *
         * @return the URL, or null for the library's placeholder
         */
        public @Nullable String getLinkBaseUrl() {
            return linkBaseUrl;
        }

        /**
         * Sets the invitation page URL.
         *
         * @param linkBaseUrl an absolute https URL (http only for localhost)
         */
        public void setLinkBaseUrl(@Nullable String linkBaseUrl) {
            this.linkBaseUrl = linkBaseUrl;
        }

        /**
         * Returns the practice name.
         *
         * @return the name
         */
        public String getPracticeName() {
            return practiceName;
        }

        /**
         * Sets the practice name.
         *
         * @param practiceName the display name
         */
        public void setPracticeName(String practiceName) {
            this.practiceName = practiceName;
        }

        /**
         * Returns the age-rule preset's name.
         *
         * @return NONE, AU_MY_HEALTH_RECORD, US_12, US_13 or US_18
         */
        public String getAgePolicy() {
            return agePolicy;
        }

        /**
         * Sets the age-rule preset.
         *
         * @param agePolicy the preset's name
         */
        public void setAgePolicy(String agePolicy) {
            this.agePolicy = agePolicy;
        }

        /**
         * Returns the shared-email policy.
         *
         * @return the policy
         */
        public SharedEmailPolicy getSharedEmail() {
            return sharedEmail;
        }

        /**
         * Sets the shared-email policy.
         *
         * @param sharedEmail the policy
         */
        public void setSharedEmail(SharedEmailPolicy sharedEmail) {
            this.sharedEmail = sharedEmail;
        }

        /**
         * Returns a practice's settings built from these defaults (portal disabled).
         *
         * @param practiceId the practice
         * @return the settings
         * @throws io.portalinvite.common.ValidationException when a value breaks the library's rules
         * @throws java.time.DateTimeException when the time zone is unknown
         */
        public PortalSettings toSettings(PracticeId practiceId) {
            PortalSettings.Builder builder = PortalSettings.builder(practiceId)
                    .practiceName(practiceName)
                    .invitationLifetime(invitationLifetime)
                    .smsNotice(smsNotice)
                    .dateOfBirthCheck(dateOfBirthCheck)
                    .agePolicy(AgePolicy.preset(agePolicy))
                    .sharedEmail(sharedEmail)
                    .locale(Locale.forLanguageTag(locale))
                    .timeZone(ZoneId.of(timeZone))
                    .defaultPhoneRegion(phoneRegion)
                    .passwordPolicy(PasswordPolicy.withMinLength(passwordMinLength));
            if (linkBaseUrl != null && !linkBaseUrl.isBlank()) {
                builder.invitationLinkBase(linkBaseUrl);
            }
            builder.messagesPerMinute(messagesPerMinute).reminderBefore(reminderBefore);
            if (passwordResetLinkUrl != null && !passwordResetLinkUrl.isBlank()) {
                builder.passwordResetLinkBase(passwordResetLinkUrl);
            }
            return builder.build();
        }

        /**
         * Returns the pacing.
         *
         * @return messages per minute and channel, 0 = unlimited
         */
        public int getMessagesPerMinute() {
            return messagesPerMinute;
        }

        /**
         * Sets the pacing.
         *
         * @param messagesPerMinute messages per minute and channel, 0 = unlimited
         */
        public void setMessagesPerMinute(int messagesPerMinute) {
            this.messagesPerMinute = messagesPerMinute;
        }

        /**
         * Returns how long before expiry the reminder goes.
         *
         * @return the lead time, zero = no reminder
         */
        public Duration getReminderBefore() {
            return reminderBefore;
        }

        /**
         * Sets how long before expiry the reminder goes.
         *
         * @param reminderBefore the lead time, zero = no reminder; shorter than the link lifetime
         */
        public void setReminderBefore(Duration reminderBefore) {
            this.reminderBefore = reminderBefore;
        }

        /**
         * Returns the password-reset page URL.
         *
         * @return the URL, or null for the one derived from the invitation page
         */
        public @Nullable String getPasswordResetLinkUrl() {
            return passwordResetLinkUrl;
        }

        /**
         * Sets the password-reset page URL.
         *
         * @param passwordResetLinkUrl an absolute https URL, or null
         */
        public void setPasswordResetLinkUrl(@Nullable String passwordResetLinkUrl) {
            this.passwordResetLinkUrl = passwordResetLinkUrl;
        }
    }

    /**
     * The patient-facing invitation page ({@code GET}/{@code POST} on {@link #getPath() path}) and its
     * JSON equivalents (on {@link #getApiPath() api-path}), served with Spring MVC. Off by default.
     */
    public static class Web {

        /** Whether the endpoints are registered (needs a servlet web application with Spring MVC). */
        private boolean enabled;

        /** Path of the HTML invitation page; the link base URL of practices should point here. */
        private String path = "/portal/invitation";

        /** Base path of the JSON endpoints ({@code /preview} and {@code /complete}). */
        private String apiPath = "/portal/invitation/api";

        /** Where the success page sends the new user to log in. */
        private String loginUrl = "/login";

        /**
         * Returns whether the endpoints are on.
         *
         * @return the flag
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Turns the endpoints on or off.
         *
         * @param enabled the flag
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * Returns the page's path.
         *
         * @return the path
         */
        public String getPath() {
            return path;
        }

        /**
         * Sets the page's path.
         *
         * @param path a path starting with /
         */
        public void setPath(String path) {
            this.path = path;
        }

        /**
         * Returns the JSON endpoints' base path.
         *
         * @return the path
         */
        public String getApiPath() {
            return apiPath;
        }

        /**
         * Sets the JSON endpoints' base path.
         *
         * @param apiPath a path starting with /
         */
        public void setApiPath(String apiPath) {
            this.apiPath = apiPath;
        }

        /**
         * Returns the login page URL.
         *
         * @return the URL
         */
        public String getLoginUrl() {
            return loginUrl;
        }

        /**
         * Sets the login page URL.
         *
         * @param loginUrl a path or absolute URL
         */
        public void setLoginUrl(String loginUrl) {
            this.loginUrl = loginUrl;
        }
    }

    /** The maintenance sweep: expiry, reminders and purges. */
    private final Maintenance maintenance = new Maintenance();

    /**
     * Returns the maintenance sweep settings.
     *
     * @return the settings
     */
    public Maintenance getMaintenance() {
        return maintenance;
    }

    /**
     * The maintenance sweep ({@code PortalInvite.maintenance().sweep()}): marks expired invitations,
     * queues reminders and purges old token digests. Safe to run on every node at once.
     */
    public static class Maintenance {

        /** Whether the starter runs the sweep in a background thread. */
        private boolean enabled = true;

        /** The pause between sweeps. */
        private Duration interval = Duration.ofMinutes(5);

        /** How long a closed invitation's token digest is kept before it is purged. */
        private Duration closedTokenRetention =
                io.portalinvite.maintenance.MaintenanceService.MaintenancePolicy.DEFAULT.closedTokenRetention();

        /**
         * Returns whether the sweep runs.
         *
         * @return the flag
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets whether the sweep runs.
         *
         * @param enabled the flag
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * Returns the pause between sweeps.
         *
         * @return the interval
         */
        public Duration getInterval() {
            return interval;
        }

        /**
         * Sets the pause between sweeps.
         *
         * @param interval a positive duration
         */
        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        /**
         * Returns the digest retention.
         *
         * @return the retention
         */
        public Duration getClosedTokenRetention() {
            return closedTokenRetention;
        }

        /**
         * Sets the digest retention.
         *
         * @param closedTokenRetention zero or more
         */
        public void setClosedTokenRetention(Duration closedTokenRetention) {
            this.closedTokenRetention = closedTokenRetention;
        }
    }
}
