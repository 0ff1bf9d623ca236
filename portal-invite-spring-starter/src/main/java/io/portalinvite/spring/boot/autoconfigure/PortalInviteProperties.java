package io.portalinvite.spring.boot.autoconfigure;

import io.portalinvite.settings.SecondFactorPolicy;
import io.portalinvite.settings.SharedEmailPolicy;
import io.portalinvite.smtp.SmtpSettings;
import io.portalinvite.spring.web.PortalResponseHeadersFilter;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the portal-invite starter, under {@code portal.invite}.
 *
 * <p>As in Spring Boot's own properties classes, each field is documented once (its comment is
 * the description an IDE shows) and the accessors are not; the nested classes group the settings
 * by concern, which is why this one file holds them all.
 */
@ConfigurationProperties("portal.invite")
public class PortalInviteProperties {

    /** Whether to auto-configure portal-invite at all. */
    private boolean enabled = true;

    /**
     * Development mode: allows a missing token key (a random one is generated, with a warning, and
     * links die on restart). Never in production.
     */
    private boolean devMode = false;

    /**
     * Base64 secret of at least 32 bytes that invitation links are derived from. The same on every
     * node, kept out of the database. Required unless dev-mode is on.
     */
    private @Nullable String tokenKey;

    /** From address of practices that set none. */
    private String defaultSender = "no-reply@portal.invalid";

    /** Domain part of generated email Message-IDs, such as the host's mail domain. */
    private String messageIdDomain = "portal-invite";

    /** How long audit entries are kept before the retention purge deletes them. Unset keeps them for ever. */
    private @Nullable Duration auditRetention;

    private final Retry retry = new Retry();

    private final Login login = new Login();

    private final Hashing hashing = new Hashing();

    private final Email email = new Email();

    private final Sms sms = new Sms();

    private final Dispatcher dispatcher = new Dispatcher();

    private final Maintenance maintenance = new Maintenance();

    private final Jdbc jdbc = new Jdbc();

    private final Health health = new Health();

    private final PracticeDefaults practiceDefaults = new PracticeDefaults();

    private final Web web = new Web();

    private final Security security = new Security();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isDevMode() {
        return devMode;
    }

    public void setDevMode(boolean devMode) {
        this.devMode = devMode;
    }

    public @Nullable String getTokenKey() {
        return tokenKey;
    }

    public void setTokenKey(@Nullable String tokenKey) {
        this.tokenKey = tokenKey;
    }

    public String getDefaultSender() {
        return defaultSender;
    }

    public void setDefaultSender(String defaultSender) {
        this.defaultSender = defaultSender;
    }

    public String getMessageIdDomain() {
        return messageIdDomain;
    }

    public void setMessageIdDomain(String messageIdDomain) {
        this.messageIdDomain = messageIdDomain;
    }

    public @Nullable Duration getAuditRetention() {
        return auditRetention;
    }

    public void setAuditRetention(@Nullable Duration auditRetention) {
        this.auditRetention = auditRetention;
    }

    public Retry getRetry() {
        return retry;
    }

    public Login getLogin() {
        return login;
    }

    public Hashing getHashing() {
        return hashing;
    }

    public Email getEmail() {
        return email;
    }

    public Sms getSms() {
        return sms;
    }

    public Dispatcher getDispatcher() {
        return dispatcher;
    }

    public Maintenance getMaintenance() {
        return maintenance;
    }

    public Jdbc getJdbc() {
        return jdbc;
    }

    public Health getHealth() {
        return health;
    }

    public PracticeDefaults getPracticeDefaults() {
        return practiceDefaults;
    }

    public Web getWeb() {
        return web;
    }

    public Security getSecurity() {
        return security;
    }

    /** When failed sends are retried: initial delay times multiplier to the n-th, plus or minus jitter. */
    public static class Retry {

        /** Delay before the first retry. */
        private Duration initialDelay = Duration.ofMinutes(1);

        /** Factor the delay grows by after each failed attempt. */
        private double multiplier = 2.0;

        /** Random spread of each delay, as a fraction (0.2 is plus or minus 20 %). */
        private double jitter = 0.2;

        /** Attempts before a message fails for good and staff are told. */
        private int maxAttempts = 8;

        /** Longest delay between two attempts. */
        private Duration maxDelay = Duration.ofHours(2);

        public Duration getInitialDelay() {
            return initialDelay;
        }

        public void setInitialDelay(Duration initialDelay) {
            this.initialDelay = initialDelay;
        }

        public double getMultiplier() {
            return multiplier;
        }

        public void setMultiplier(double multiplier) {
            this.multiplier = multiplier;
        }

        public double getJitter() {
            return jitter;
        }

        public void setJitter(double jitter) {
            this.jitter = jitter;
        }

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getMaxDelay() {
            return maxDelay;
        }

        public void setMaxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
        }
    }

    /**
     * Login throttling: per account a growing delay from the n-th consecutive failure and a hard lock
     * later, for clients without the account's device cookie; per client address and per known
     * device, token-bucket budgets.
     */
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
         * Sign-in attempts one client address may make in per-address-period, whatever the
         * accounts; past it the answer is HTTP 429 with Retry-After. The address is the container's
         * remote address: behind a reverse proxy configure forwarded headers (e.g.
         * server.forward-headers-strategy).
         */
        private int perAddressAttempts = 100;

        /** Time in which the per-address budget refills completely. */
        private Duration perAddressPeriod = Duration.ofMinutes(15);

        /**
         * Sign-in attempts a browser that signed in before may make for its account with its device
         * cookie in per-device-period, past the account's lockout; past it the browser counts
         * as unknown.
         */
        private int perDeviceAttempts = 10;

        /** Time in which the per-device budget refills completely. */
        private Duration perDevicePeriod = Duration.ofMinutes(15);

        /**
         * Sign-in attempts one email address may be tried with in per-email-period from browsers
         * that are not a known device of its account, whether or not an account has the email; past
         * it the sign-in page says that sign-in is paused for N minutes and offers the password
         * reset (HTTP 429 with Retry-After for JSON clients). 0 turns it off. Keep it equal to
         * throttle-from so that it engages where the account's own throttle does.
         */
        private int perEmailAttempts = 5;

        /** Time in which the per-email budget refills completely. */
        private Duration perEmailPeriod = Duration.ofMinutes(15);

        /** How long the device cookie set at a successful sign-in stays valid (1 to 400 days). */
        private Duration deviceCookieLifetime = Duration.ofDays(180);

        public int getPerAddressAttempts() {
            return perAddressAttempts;
        }

        public void setPerAddressAttempts(int perAddressAttempts) {
            this.perAddressAttempts = perAddressAttempts;
        }

        public Duration getPerAddressPeriod() {
            return perAddressPeriod;
        }

        public void setPerAddressPeriod(Duration perAddressPeriod) {
            this.perAddressPeriod = perAddressPeriod;
        }

        public int getPerDeviceAttempts() {
            return perDeviceAttempts;
        }

        public void setPerDeviceAttempts(int perDeviceAttempts) {
            this.perDeviceAttempts = perDeviceAttempts;
        }

        public Duration getPerDevicePeriod() {
            return perDevicePeriod;
        }

        public int getPerEmailAttempts() {
            return perEmailAttempts;
        }

        public void setPerEmailAttempts(int perEmailAttempts) {
            this.perEmailAttempts = perEmailAttempts;
        }

        public Duration getPerEmailPeriod() {
            return perEmailPeriod;
        }

        public void setPerEmailPeriod(Duration perEmailPeriod) {
            this.perEmailPeriod = perEmailPeriod;
        }

        public void setPerDevicePeriod(Duration perDevicePeriod) {
            this.perDevicePeriod = perDevicePeriod;
        }

        public Duration getDeviceCookieLifetime() {
            return deviceCookieLifetime;
        }

        public void setDeviceCookieLifetime(Duration deviceCookieLifetime) {
            this.deviceCookieLifetime = deviceCookieLifetime;
        }

        public int getThrottleFrom() {
            return throttleFrom;
        }

        public void setThrottleFrom(int throttleFrom) {
            this.throttleFrom = throttleFrom;
        }

        public Duration getThrottleInitialDelay() {
            return throttleInitialDelay;
        }

        public void setThrottleInitialDelay(Duration throttleInitialDelay) {
            this.throttleInitialDelay = throttleInitialDelay;
        }

        public Duration getThrottleMaxDelay() {
            return throttleMaxDelay;
        }

        public void setThrottleMaxDelay(Duration throttleMaxDelay) {
            this.throttleMaxDelay = throttleMaxDelay;
        }

        public int getLockAt() {
            return lockAt;
        }

        public void setLockAt(int lockAt) {
            this.lockAt = lockAt;
        }
    }

    /** Argon2id password hashing and the bound on hashes running at once. */
    public static class Hashing {

        /** Memory per hash in KiB (OWASP minimum 19456). */
        private int memoryKib = 19456;

        /** Passes over the memory. */
        private int iterations = 2;

        /** Lanes per hash. */
        private int parallelism = 1;

        /**
         * Hashes allowed to run at once; further logins wait up to the acquire timeout, then get
         * HTTP 503. Unset: twice the available processors.
         */
        private @Nullable Integer maxConcurrent;

        /** How long a login waits for a free hashing slot. */
        private Duration acquireTimeout = Duration.ofSeconds(5);

        public int getMemoryKib() {
            return memoryKib;
        }

        public void setMemoryKib(int memoryKib) {
            this.memoryKib = memoryKib;
        }

        public int getIterations() {
            return iterations;
        }

        public void setIterations(int iterations) {
            this.iterations = iterations;
        }

        public int getParallelism() {
            return parallelism;
        }

        public void setParallelism(int parallelism) {
            this.parallelism = parallelism;
        }

        public @Nullable Integer getMaxConcurrent() {
            return maxConcurrent;
        }

        public void setMaxConcurrent(@Nullable Integer maxConcurrent) {
            this.maxConcurrent = maxConcurrent;
        }

        public Duration getAcquireTimeout() {
            return acquireTimeout;
        }

        public void setAcquireTimeout(Duration acquireTimeout) {
            this.acquireTimeout = acquireTimeout;
        }
    }

    /** Email delivery. */
    public static class Email {

        private final Smtp smtp = new Smtp();

        public Smtp getSmtp() {
            return smtp;
        }
    }

    /**
     * The SMTP relay. Without a host here, spring.mail.host, port, username and password are used
     * instead.
     */
    public static class Smtp {

        /** Relay host name or IP address. */
        private @Nullable String host;

        /** Relay port. Unset: 587 for STARTTLS, 465 for IMPLICIT_TLS, 25 for NONE. */
        private @Nullable Integer port;

        /** Transport security; NONE only for a relay on the same host. */
        private SmtpSettings.Security security = SmtpSettings.Security.STARTTLS;

        /** Login user name. */
        private @Nullable String username;

        /** Login password. */
        private @Nullable String password;

        /** Connect timeout. */
        private Duration connectTimeout = Duration.ofSeconds(10);

        /** Read timeout. */
        private Duration readTimeout = Duration.ofSeconds(30);

        /** Write timeout. */
        private Duration writeTimeout = Duration.ofSeconds(30);

        /**
         * Trust store (PKCS12 or JKS) holding the CA certificates the relay's certificate must chain
         * to, instead of the JVM's, as a Spring resource location such as file:/etc/portal/smtp-ca.p12.
         */
        private @Nullable String trustStore;

        /** Password of the trust store. */
        private @Nullable String trustStorePassword;

        /** Type of the trust store. */
        private String trustStoreType = "PKCS12";

        /**
         * PEM file of the CA certificates (or the relay's own certificate) to trust instead of the
         * JVM's, as a Spring resource location; an alternative to trust-store.
         */
        private @Nullable String trustedCertificate;

        public @Nullable String getHost() {
            return host;
        }

        public void setHost(@Nullable String host) {
            this.host = host;
        }

        public @Nullable Integer getPort() {
            return port;
        }

        public void setPort(@Nullable Integer port) {
            this.port = port;
        }

        public SmtpSettings.Security getSecurity() {
            return security;
        }

        public void setSecurity(SmtpSettings.Security security) {
            this.security = security;
        }

        public @Nullable String getUsername() {
            return username;
        }

        public void setUsername(@Nullable String username) {
            this.username = username;
        }

        public @Nullable String getPassword() {
            return password;
        }

        public void setPassword(@Nullable String password) {
            this.password = password;
        }

        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        public Duration getReadTimeout() {
            return readTimeout;
        }

        public void setReadTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
        }

        public Duration getWriteTimeout() {
            return writeTimeout;
        }

        public void setWriteTimeout(Duration writeTimeout) {
            this.writeTimeout = writeTimeout;
        }

        public @Nullable String getTrustStore() {
            return trustStore;
        }

        public void setTrustStore(@Nullable String trustStore) {
            this.trustStore = trustStore;
        }

        public @Nullable String getTrustStorePassword() {
            return trustStorePassword;
        }

        public void setTrustStorePassword(@Nullable String trustStorePassword) {
            this.trustStorePassword = trustStorePassword;
        }

        public String getTrustStoreType() {
            return trustStoreType;
        }

        public void setTrustStoreType(String trustStoreType) {
            this.trustStoreType = trustStoreType;
        }

        public @Nullable String getTrustedCertificate() {
            return trustedCertificate;
        }

        public void setTrustedCertificate(@Nullable String trustedCertificate) {
            this.trustedCertificate = trustedCertificate;
        }
    }

    /** SMS delivery. */
    public static class Sms {

        private final Twilio twilio = new Twilio();

        public Twilio getTwilio() {
            return twilio;
        }
    }

    /** Twilio's Messages API; the SMS notice is sent only when the account SID is set (not blank). */
    public static class Twilio {

        /** Account SID (AC...). Setting it turns the Twilio SMS sender on. */
        private @Nullable String accountSid;

        /** Auth token of the account. */
        private @Nullable String authToken;

        /** Sending number in E.164 form; or set messaging-service-sid instead. */
        private @Nullable String from;

        /** Messaging service SID (MG...), instead of a from number. */
        private @Nullable String messagingServiceSid;

        /** API base URL; change it only for a test stand-in. */
        private String baseUrl = "https://api.twilio.com";

        public @Nullable String getAccountSid() {
            return accountSid;
        }

        public void setAccountSid(@Nullable String accountSid) {
            this.accountSid = accountSid;
        }

        public @Nullable String getAuthToken() {
            return authToken;
        }

        public void setAuthToken(@Nullable String authToken) {
            this.authToken = authToken;
        }

        public @Nullable String getFrom() {
            return from;
        }

        public void setFrom(@Nullable String from) {
            this.from = from;
        }

        public @Nullable String getMessagingServiceSid() {
            return messagingServiceSid;
        }

        public void setMessagingServiceSid(@Nullable String messagingServiceSid) {
            this.messagingServiceSid = messagingServiceSid;
        }

        public String getBaseUrl() {
            return baseUrl;
        }

        public void setBaseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
        }
    }

    /** The outbox dispatcher that sends queued messages after commit. */
    public static class Dispatcher {

        /** Whether this node polls the outbox and sends due messages. */
        private boolean enabled = true;

        /** Pause between passes that found nothing to send. */
        private Duration pollInterval = Duration.ofSeconds(5);

        /** Messages claimed per pass. */
        private int batchSize = 100;

        /**
         * How long a claim holds a message before another node may take it. Renewed every third of it
         * while the node works, so it can be short: a dead node's messages are taken over after this long.
         */
        private Duration lease = Duration.ofSeconds(30);

        /**
         * The most email results recorded in one transaction, and the most emails a node holds sent but
         * unrecorded: after a crash, at most this many are sent again (same Message-ID, audited as sent again).
         */
        private int resultBatchSize = 100;

        /** The same for SMS notices, kept smaller because a duplicate SMS is more intrusive. */
        private int smsResultBatchSize = 10;

        /** The longest a result waits before it is recorded. */
        private Duration resultInterval = Duration.ofMillis(250);

        /** The first pause before trying an unreachable SMTP server or SMS provider again. */
        private Duration probeInitial = Duration.ofSeconds(1);

        /** The longest pause between tries of an unreachable SMTP server or SMS provider. */
        private Duration probeMax = Duration.ofSeconds(5);

        public int getResultBatchSize() {
            return resultBatchSize;
        }

        public void setResultBatchSize(int resultBatchSize) {
            this.resultBatchSize = resultBatchSize;
        }

        public int getSmsResultBatchSize() {
            return smsResultBatchSize;
        }

        public void setSmsResultBatchSize(int smsResultBatchSize) {
            this.smsResultBatchSize = smsResultBatchSize;
        }

        public Duration getResultInterval() {
            return resultInterval;
        }

        public void setResultInterval(Duration resultInterval) {
            this.resultInterval = resultInterval;
        }

        public Duration getProbeInitial() {
            return probeInitial;
        }

        public void setProbeInitial(Duration probeInitial) {
            this.probeInitial = probeInitial;
        }

        public Duration getProbeMax() {
            return probeMax;
        }

        public void setProbeMax(Duration probeMax) {
            this.probeMax = probeMax;
        }

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getPollInterval() {
            return pollInterval;
        }

        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }

        public int getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }

        public Duration getLease() {
            return lease;
        }

        public void setLease(Duration lease) {
            this.lease = lease;
        }
    }

    /**
     * The maintenance sweep: marks expired invitations, queues reminders and purges old token
     * digests. Safe to run on every node at once.
     */
    public static class Maintenance {

        /** Whether the starter runs the sweep in a background thread. */
        private boolean enabled = true;

        /** Pause between sweeps. */
        private Duration interval = Duration.ofMinutes(5);

        /** How long a closed invitation's token digest is kept before it is purged. */
        private Duration closedTokenRetention = Duration.ofDays(30);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        public Duration getClosedTokenRetention() {
            return closedTokenRetention;
        }

        public void setClosedTokenRetention(Duration closedTokenRetention) {
            this.closedTokenRetention = closedTokenRetention;
        }
    }

    /** JDBC storage, used when the application has a DataSource. */
    public static class Jdbc {

        /**
         * When the starter creates or upgrades the pi_ tables (with Flyway, under its own history
         * table portal_invite_schema_history): EMBEDDED databases only, ALWAYS, or NEVER (your own
         * Flyway or Liquibase applies them). Either way start-up fails when a migration is missing.
         */
        private SchemaInitialization initializeSchema = SchemaInitialization.EMBEDDED;

        public SchemaInitialization getInitializeSchema() {
            return initializeSchema;
        }

        public void setInitializeSchema(SchemaInitialization initializeSchema) {
            this.initializeSchema = initializeSchema;
        }
    }

    /** When the starter applies the schema scripts. */
    public enum SchemaInitialization {
        /** Only for embedded databases (H2, HSQLDB, Derby). */
        EMBEDDED,
        /** Always, on every database. */
        ALWAYS,
        /** Never: the host's own migration tool applies them. */
        NEVER
    }

    /** Actuator health of the outbox. */
    public static class Health {

        /** How long a due message may wait unclaimed before the health indicator reports DOWN. */
        private Duration maxOverdue = Duration.ofMinutes(15);

        public Duration getMaxOverdue() {
            return maxOverdue;
        }

        public void setMaxOverdue(Duration maxOverdue) {
            this.maxOverdue = maxOverdue;
        }
    }

    /**
     * The settings of every practice for each field its staff have not set themselves. Checked at
     * start-up with the library's rules; the portal stays off until a practice enables it.
     */
    public static class PracticeDefaults {

        /**
         * The https address of the invitation page; each link is this address with the token
         * added as a query parameter. Required: never derived from a request's Host header.
         */
        private @Nullable String linkBaseUrl;

        /** The practice's display name in messages and on the invitation page. */
        private String practiceName = "Your practice";

        /** How long an invitation link stays valid, from 15m to 7d. */
        private Duration invitationLifetime = Duration.ofDays(7);

        /** Whether an SMS notice follows the email when a mobile number is known. */
        private boolean smsNotice = true;

        /** Whether the invitee must enter the patient's date of birth to register. */
        private boolean dateOfBirthCheck = true;

        /** Age rules for own accounts and parental access. */
        private AgePolicyPreset agePolicy = AgePolicyPreset.NONE;

        /** Whether one login may hold own-record access for several patients sharing an email address. */
        private SharedEmailPolicy sharedEmail = SharedEmailPolicy.SHARED_LOGIN_ALLOWED;

        /** Language of messages, as a BCP 47 tag such as en-AU. */
        private String locale = "en-AU";

        /** The practice's time zone, for expiry dates in messages and for birthdays. */
        private String timeZone = "Australia/Sydney";

        /** ISO 3166 region for mobile numbers typed in national form. */
        private String phoneRegion = "AU";

        /** Minimum password length in characters, 8 to 64; below 15 only with second-factor=required. */
        private int passwordMinLength = 15;

        /** Whether sign-in asks for a second factor: off, optional or required. */
        private SecondFactorPolicy secondFactor = SecondFactorPolicy.OFF;

        /** Messages per minute and channel the outbox may send for a practice; 0 is unlimited. */
        private int messagesPerMinute = 0;

        /** How long before expiry one reminder goes to invitees who have not registered; 0 is off. */
        private Duration reminderBefore = Duration.ZERO;

        /** The https address of the password-reset page. Unset: password-reset next to the invitation page. */
        private @Nullable String passwordResetLinkUrl;

        public @Nullable String getLinkBaseUrl() {
            return linkBaseUrl;
        }

        public void setLinkBaseUrl(@Nullable String linkBaseUrl) {
            this.linkBaseUrl = linkBaseUrl;
        }

        public String getPracticeName() {
            return practiceName;
        }

        public void setPracticeName(String practiceName) {
            this.practiceName = practiceName;
        }

        public Duration getInvitationLifetime() {
            return invitationLifetime;
        }

        public void setInvitationLifetime(Duration invitationLifetime) {
            this.invitationLifetime = invitationLifetime;
        }

        public boolean isSmsNotice() {
            return smsNotice;
        }

        public void setSmsNotice(boolean smsNotice) {
            this.smsNotice = smsNotice;
        }

        public boolean isDateOfBirthCheck() {
            return dateOfBirthCheck;
        }

        public void setDateOfBirthCheck(boolean dateOfBirthCheck) {
            this.dateOfBirthCheck = dateOfBirthCheck;
        }

        public AgePolicyPreset getAgePolicy() {
            return agePolicy;
        }

        public void setAgePolicy(AgePolicyPreset agePolicy) {
            this.agePolicy = agePolicy;
        }

        public SecondFactorPolicy getSecondFactor() {
            return secondFactor;
        }

        public void setSecondFactor(SecondFactorPolicy secondFactor) {
            this.secondFactor = secondFactor;
        }

        public SharedEmailPolicy getSharedEmail() {
            return sharedEmail;
        }

        public void setSharedEmail(SharedEmailPolicy sharedEmail) {
            this.sharedEmail = sharedEmail;
        }

        public String getLocale() {
            return locale;
        }

        public void setLocale(String locale) {
            this.locale = locale;
        }

        public String getTimeZone() {
            return timeZone;
        }

        public void setTimeZone(String timeZone) {
            this.timeZone = timeZone;
        }

        public String getPhoneRegion() {
            return phoneRegion;
        }

        public void setPhoneRegion(String phoneRegion) {
            this.phoneRegion = phoneRegion;
        }

        public int getPasswordMinLength() {
            return passwordMinLength;
        }

        public void setPasswordMinLength(int passwordMinLength) {
            this.passwordMinLength = passwordMinLength;
        }

        public int getMessagesPerMinute() {
            return messagesPerMinute;
        }

        public void setMessagesPerMinute(int messagesPerMinute) {
            this.messagesPerMinute = messagesPerMinute;
        }

        public Duration getReminderBefore() {
            return reminderBefore;
        }

        public void setReminderBefore(Duration reminderBefore) {
            this.reminderBefore = reminderBefore;
        }

        public @Nullable String getPasswordResetLinkUrl() {
            return passwordResetLinkUrl;
        }

        public void setPasswordResetLinkUrl(@Nullable String passwordResetLinkUrl) {
            this.passwordResetLinkUrl = passwordResetLinkUrl;
        }
    }

    /**
     * The patient-facing pages the starter serves with Spring MVC: the invitation page, its JSON
     * equivalents, a minimal login page and a minimal home page. Every path lies under base-path,
     * the part of the site the starter's security chain looks after.
     */
    public static class Web {

        /**
         * Whether the starter serves its pages. Turn it off to serve your own at the same paths;
         * start-up then checks that something serves the invitation page the links point to.
         */
        private boolean enabled = true;

        /** The portal's part of the site: the starter's security chain matches this path and everything below it. */
        private String basePath = "/portal";

        /** Path of the invitation page; the link base URL points here. */
        private String path = "/portal/invitation";

        /** Base path of the JSON endpoints (preview and complete). */
        private String apiPath = "/portal/invitation/api";

        /** The portal's login page; the form posts to the same path. */
        private String loginUrl = "/portal/login";

        /** Where a patient lands after logging in. */
        private String homeUrl = "/portal/home";

        /**
         * The Content-Security-Policy header sent with every response under the portal's paths. The
         * default allows no script, no inline style and nothing from other sites; widen it only for pages
         * of your own under those paths. Empty sends none.
         */
        private String contentSecurityPolicy = PortalResponseHeadersFilter.DEFAULT_CONTENT_SECURITY_POLICY;

        /**
         * The practice whose name, language and time zone the pages outside an invitation use (sign-in,
         * forgot password, set a new password), and whose wording the password-reset email takes; a
         * practice without stored settings has the practice defaults (portal.invite.practice-defaults.*).
         */
        private String practiceId = "default";

        /**
         * The languages a patient may choose with ?lang= or their browser's Accept-Language, as BCP 47
         * tags; each needs a portal-invite/messages_*.properties bundle on the class path. The practice's
         * own locale is always allowed and is the default.
         */
        private java.util.List<String> languages =
                new java.util.ArrayList<>(java.util.List.of("en-AU", "en-GB", "en-US", "es", "zh-Hans", "vi", "ar"));

        private final Theme theme = new Theme();

        /**
         * Whether the starter serves its minimal home page at home-url. Turn it off to serve your own
         * patient home there (behind the portal's sign-in) while keeping every other page of the starter.
         */
        private boolean homePage = true;

        public boolean isHomePage() {
            return homePage;
        }

        public void setHomePage(boolean homePage) {
            this.homePage = homePage;
        }

        public String getPracticeId() {
            return practiceId;
        }

        public void setPracticeId(String practiceId) {
            this.practiceId = practiceId;
        }

        public java.util.List<String> getLanguages() {
            return languages;
        }

        public void setLanguages(java.util.List<String> languages) {
            this.languages = languages;
        }

        public Theme getTheme() {
            return theme;
        }

        public String getContentSecurityPolicy() {
            return contentSecurityPolicy;
        }

        public void setContentSecurityPolicy(String contentSecurityPolicy) {
            this.contentSecurityPolicy = contentSecurityPolicy;
        }

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getBasePath() {
            return basePath;
        }

        public void setBasePath(String basePath) {
            this.basePath = basePath;
        }

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }

        public String getApiPath() {
            return apiPath;
        }

        public void setApiPath(String apiPath) {
            this.apiPath = apiPath;
        }

        public String getLoginUrl() {
            return loginUrl;
        }

        public void setLoginUrl(String loginUrl) {
            this.loginUrl = loginUrl;
        }

        public String getHomeUrl() {
            return homeUrl;
        }

        public void setHomeUrl(String homeUrl) {
            this.homeUrl = homeUrl;
        }
    }

    /**
     * The look of the starter's pages without a template change: the name and logo in the header,
     * the main colour, and how to reach the practice (shown in the footer and on error pages).
     */
    public static class Theme {

        /** The name in the header; unset: the practice's display name. */
        private @Nullable String practiceName;

        /** The logo in the header: a path or URL the Content-Security-Policy allows (same site by default). */
        private @Nullable String logoUrl;

        /** The main colour (buttons, header), as #rgb or #rrggbb; text on it is white or black, whichever reads better. */
        private String primaryColour = "#1d5c96";

        /** The practice's phone number, shown where patients are told to contact the practice. */
        private @Nullable String contactPhone;

        /** The practice's postal address, shown in the footer. */
        private @Nullable String contactAddress;

        public @Nullable String getPracticeName() {
            return practiceName;
        }

        public void setPracticeName(@Nullable String practiceName) {
            this.practiceName = practiceName;
        }

        public @Nullable String getLogoUrl() {
            return logoUrl;
        }

        public void setLogoUrl(@Nullable String logoUrl) {
            this.logoUrl = logoUrl;
        }

        public String getPrimaryColour() {
            return primaryColour;
        }

        public void setPrimaryColour(String primaryColour) {
            this.primaryColour = primaryColour;
        }

        public @Nullable String getContactPhone() {
            return contactPhone;
        }

        public void setContactPhone(@Nullable String contactPhone) {
            this.contactPhone = contactPhone;
        }

        public @Nullable String getContactAddress() {
            return contactAddress;
        }

        public void setContactAddress(@Nullable String contactAddress) {
            this.contactAddress = contactAddress;
        }
    }

    /**
     * The starter's Spring Security filter chain for the portal's paths: its own login, logout and
     * session handling, in a security context of its own beside the host's.
     */
    public static class Security {

        /**
         * Whether the starter contributes its own SecurityFilterChain for web.base-path. Turn it off
         * to wire PortalInviteHttpConfigurer into a chain of your own.
         */
        private boolean enabled = true;

        /** A portal sign-in ends after this long without a request. */
        private Duration idleTimeout = Duration.ofMinutes(15);

        /** A portal sign-in ends this long after it began, however active. */
        private Duration absoluteTimeout = Duration.ofHours(12);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getIdleTimeout() {
            return idleTimeout;
        }

        public void setIdleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
        }

        public Duration getAbsoluteTimeout() {
            return absoluteTimeout;
        }

        public void setAbsoluteTimeout(Duration absoluteTimeout) {
            this.absoluteTimeout = absoluteTimeout;
        }
    }
}
