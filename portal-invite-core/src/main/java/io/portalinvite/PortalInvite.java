package io.portalinvite;

import io.portalinvite.account.AccessService;
import io.portalinvite.account.AccountImportService;
import io.portalinvite.account.LoginService;
import io.portalinvite.account.LoginService.LoginPolicy;
import io.portalinvite.audit.AuditService;
import io.portalinvite.authenticator.AuthenticatorService;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.ValidationException;
import io.portalinvite.delivery.DefaultMessageComposer;
import io.portalinvite.delivery.EmailSender;
import io.portalinvite.delivery.MessageComposer;
import io.portalinvite.delivery.MessageTemplates;
import io.portalinvite.delivery.OutboxDispatcher;
import io.portalinvite.delivery.RetryPolicy;
import io.portalinvite.delivery.SmsSender;
import io.portalinvite.delivery.TemplateService;
import io.portalinvite.event.PortalEventListener;
import io.portalinvite.internal.password.LegacyPasswordVerifier;
import io.portalinvite.internal.throttle.SignInThrottle;
import io.portalinvite.invitation.BulkInvitationService;
import io.portalinvite.invitation.InvitationLifecycle;
import io.portalinvite.invitation.InvitationService;
import io.portalinvite.invitation.RegistrationService;
import io.portalinvite.maintenance.MaintenanceService;
import io.portalinvite.maintenance.MaintenanceService.MaintenancePolicy;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.password.Argon2idPasswordHasher;
import io.portalinvite.password.JnaRequirement;
import io.portalinvite.password.PasswordHasher;
import io.portalinvite.password.PasswordValidator;
import io.portalinvite.reset.PasswordResetPolicy;
import io.portalinvite.reset.PasswordResetService;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.settings.SettingsService;
import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.storage.PortalStorage;
import io.portalinvite.throttle.SignInBudgets;
import io.portalinvite.throttle.SignInThrottleSettings;
import io.portalinvite.token.DeviceCookies;
import io.portalinvite.token.LinkToken;
import io.portalinvite.token.LinkTokens;
import io.portalinvite.token.TokenKey;
import io.portalinvite.tx.TransactionRunner;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javax.crypto.SecretKey;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library's entry point: one object holding the services a host calls, built once at start-up
 * with {@link #builder()} and shared by every thread. Long, but one job: its builder's options and
 * the wiring of every service from them belong together.
 *
 * <pre>{@code
 * PortalInvite portal = PortalInvite.builder()
 *         .storage(storage)                       // in memory by default; JDBC in portal-invite-jdbc
 *         .tokenKey(TokenKey.fromBase64(secret))  // the same key on every node, kept out of the database
 *         .emailSender(emailSender)
 *         .smsSender(smsSender)                   // optional
 *         .defaultSender(EmailAddress.of("no-reply@practice.example"))
 *         .build();
 * portal.settings().enable(practiceId, staffId);
 * portal.invitations().invite(InviteRequest.newPatient("practice-1", "staff-7")...build());
 * portal.dispatcher().start(Duration.ofSeconds(5));
 * }</pre>
 */
public final class PortalInvite implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PortalInvite.class);

    private final PortalStorage storage;
    private final SettingsService settings;
    private final InvitationService invitations;
    private final BulkInvitationService bulkInvitations;
    private final AccountImportService accountImport;
    private final RegistrationService registration;
    private final LoginService login;
    private final AccessService access;
    private final AuditService audit;
    private final AuthenticatorService authenticators;
    private final PasswordResetService passwordReset;
    private final MaintenanceService maintenance;
    private final OutboxDispatcher dispatcher;
    private final TemplateService templates;
    private final EmailSender emailSender;
    private final @Nullable SmsSender smsSender;

    private PortalInvite(Builder b) {
        // microseconds: what every supported database stores, so a value reads back exactly as written
        Clock clock = Clock.tick(b.clock, Duration.ofNanos(1_000));
        this.storage = b.storage != null ? b.storage : inMemoryWithWarning();
        TokenKey key = b.tokenKey != null ? b.tokenKey : generatedKeyWithWarning();
        PasswordHasher hasher = b.passwordHasher != null ? b.passwordHasher : new DefaultHasher();
        PasswordValidator validator = b.passwordValidator != null ? b.passwordValidator : new PasswordValidator();
        PortalEventListener events = PortalEventListener.inOrder(b.listeners);
        PortalEventListener inTransaction = PortalEventListener.inOrder(b.inTransactionListeners);
        LinkTokens invitationTokens = new LinkTokens(key, new SecureRandom(), LinkToken.Purpose.INVITATION);
        LinkTokens resetTokens = new LinkTokens(key, new SecureRandom(), LinkToken.Purpose.PASSWORD_RESET);
        this.emailSender = Objects.requireNonNull(b.emailSender, "emailSender is required");
        this.smsSender = b.smsSender;
        boolean smsAvailable = smsSender != null;
        TransactionRunner tx = storage.transactions();
        this.settings = new SettingsService(tx, storage.settings(), storage.audit(), clock, b.settingsDefaults);
        MessageTemplates messageTemplates = new MessageTemplates(storage.templates());
        this.templates =
                new TemplateService(tx, storage.templates(), storage.audit(), settings, messageTemplates, clock);
        MessageComposer composer = b.composer != null ? b.composer : new DefaultMessageComposer(messageTemplates);
        this.access =
                new AccessService(tx, storage.accounts(), storage.audit(), settings, clock, events, inTransaction);
        InvitationLifecycle lifecycle = new InvitationLifecycle(
                tx,
                storage.invitations(),
                storage.outbox(),
                storage.audit(),
                storage,
                invitationTokens,
                clock,
                events,
                inTransaction,
                b.messageIdDomain);
        this.invitations = new InvitationService(
                tx,
                storage.invitations(),
                storage.outbox(),
                storage.audit(),
                storage,
                settings,
                access,
                lifecycle,
                clock,
                smsAvailable);
        this.bulkInvitations = new BulkInvitationService(
                tx,
                storage.invitations(),
                storage.accounts(),
                storage.audit(),
                settings,
                invitations,
                lifecycle,
                clock,
                events,
                inTransaction,
                smsAvailable);
        this.registration = new RegistrationService(
                tx,
                storage.invitations(),
                storage.accounts(),
                storage.audit(),
                settings,
                validator,
                hasher,
                lifecycle,
                clock);
        SignInBudgets budgets = b.signInBudgets != null ? b.signInBudgets : storage.signInBudgets();
        SignInThrottle throttle = new SignInThrottle(
                budgets,
                b.signInThrottle,
                new DeviceCookies(key, new SecureRandom(), clock, b.signInThrottle.deviceCookieLifetime()));
        this.login = new LoginService(
                tx,
                storage.accounts(),
                storage.audit(),
                settings,
                hasher,
                b.loginPolicy,
                clock,
                events,
                inTransaction,
                access,
                // imported accounts' old hashes are checked here and replaced at their first sign-in
                new LegacyPasswordVerifier(),
                throttle);
        this.authenticators = new AuthenticatorService(
                tx,
                storage.authenticators(),
                storage.accounts(),
                storage.audit(),
                settings,
                throttle,
                b.authenticatorKey,
                clock);
        this.accountImport = new AccountImportService(tx, storage.accounts(), storage.audit(), settings, clock);
        this.audit = new AuditService(tx, storage.audit(), clock, b.auditRetention);
        this.passwordReset = new PasswordResetService(
                tx,
                storage.passwordResets(),
                storage.accounts(),
                storage.outbox(),
                storage.audit(),
                settings,
                resetTokens,
                validator,
                hasher,
                b.passwordResetPolicy,
                clock,
                events,
                inTransaction,
                b.messageIdDomain);
        this.maintenance = new MaintenanceService(
                tx,
                storage.invitations(),
                storage.audit(),
                storage.passwordResets(),
                settings,
                lifecycle,
                access,
                audit,
                budgets,
                b.maintenancePolicy,
                clock);
        this.dispatcher = new OutboxDispatcher(
                tx,
                storage.outbox(),
                settings,
                List.of(
                        lifecycle.messageHandler(composer, b.defaultSender),
                        passwordReset.messageHandler(composer, b.defaultSender)),
                emailSender,
                smsSender,
                b.retryPolicy,
                clock,
                b.dispatcherLease,
                b.dispatcherBatchSize,
                b.emailResultBatch,
                b.smsResultBatch,
                b.resultInterval,
                b.probeInitial,
                b.probeMax);
    }

    /**
     * Starts configuring a portal.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns practices' Patient Portal settings (enable, disable, change).
     *
     * @return the settings service
     */
    public SettingsService settings() {
        return settings;
    }

    /**
     * Returns the staff side: invite, resend, revoke, history.
     *
     * @return the invitation service
     */
    public InvitationService invitations() {
        return invitations;
    }

    /**
     * Returns the invitee side: open a link, complete registration.
     *
     * @return the registration service
     */
    public RegistrationService registration() {
        return registration;
    }

    /**
     * Returns login.
     *
     * @return the login service
     */
    public LoginService login() {
        return login;
    }

    /**
     * Returns the outbox dispatcher: call {@link OutboxDispatcher#start} once, or drive it from the
     * host's own scheduler with {@link OutboxDispatcher#dispatchOnce()}.
     *
     * @return the dispatcher
     */
    public OutboxDispatcher dispatcher() {
        return dispatcher;
    }

    /**
     * Returns the message templates: each practice's wording, overrides and previews.
     *
     * @return the template service
     */
    public TemplateService templates() {
        return templates;
    }

    /**
     * Returns the access-grant operations: list, revoke one grant, end dates, the daily age-rule
     * sweep, and privacy-notice acceptance.
     *
     * @return the service
     */
    public AccessService access() {
        return access;
    }

    /**
     * Returns the audit trail: paged queries per practice and patient, and the retention purge.
     *
     * @return the service
     */
    public AuditService audit() {
        return audit;
    }

    /**
     * Returns the account's authenticators beside its password: authenticator app (TOTP), recovery
     * codes and passkeys, and the second-factor check at sign-in.
     *
     * @return the service
     */
    public AuthenticatorService authenticators() {
        return authenticators;
    }

    /**
     * Returns the stores this portal uses.
     *
     * @return the storage
     */
    public PortalStorage storage() {
        return storage;
    }

    /**
     * Stops the dispatcher's background polling, if started, then closes the senders that hold
     * resources (an SMTP sender's connections, say).
     */
    @Override
    public void close() {
        dispatcher.close();
        closeQuietly(emailSender);
        if (smsSender != emailSender) {
            closeQuietly(smsSender);
        }
    }

    private static void closeQuietly(@Nullable Object sender) {
        if (sender instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("closing {} failed", sender.getClass().getName(), e);
            }
        }
    }

    private static PortalStorage inMemoryWithWarning() {
        log.warn("portal-invite is using in-memory stores: invitations and accounts are lost when the process "
                + "ends. Configure a database-backed PortalStorage (portal-invite-jdbc) for production.");
        return new InMemoryPortalStorage();
    }

    /**
     * The default {@link Argon2idPasswordHasher}, built at the first hash or verification: a host that
     * never hashes (a staff-side service that only invites) does not need argon2-jvm's native library,
     * and one that does learns at start-up, from a warning, when its JNA is too old.
     */
    private static final class DefaultHasher implements PasswordHasher {
        private volatile @Nullable PasswordHasher hasher;

        DefaultHasher() {
            JnaRequirement.problem()
                    .ifPresent(problem -> log.warn("password hashing will fail until this is fixed: {}", problem));
        }

        private PasswordHasher hasher() {
            PasswordHasher h = hasher;
            if (h == null) {
                synchronized (this) {
                    h = hasher;
                    if (h == null) {
                        h = new Argon2idPasswordHasher();
                        hasher = h;
                    }
                }
            }
            return h;
        }

        @Override
        public String hash(CharSequence password) {
            return hasher().hash(password);
        }

        @Override
        public boolean verify(String encodedHash, CharSequence password) {
            return hasher().verify(encodedHash, password);
        }

        @Override
        public boolean needsRehash(String encodedHash) {
            return hasher().needsRehash(encodedHash);
        }

        @Override
        public String toString() {
            PasswordHasher h = hasher;
            return h == null ? "Argon2idPasswordHasher (built at first use)" : h.toString();
        }
    }

    private static TokenKey generatedKeyWithWarning() {
        log.warn("portal-invite generated a random token key: links stop working when the process restarts and "
                + "differ between nodes. Configure the same TokenKey on every node for production.");
        return TokenKey.generate();
    }

    /**
     * Returns bulk invitation: invite a stream of existing patients in bounded chunks.
     *
     * @return the bulk invitation service
     */
    public BulkInvitationService bulkInvitations() {
        return bulkInvitations;
    }

    /**
     * Returns account import: bring accounts over from a portal this one replaces, with their
     * existing password hashes and grants, one at a time or streamed in bounded chunks.
     *
     * @return the account import service
     */
    public AccountImportService accountImport() {
        return accountImport;
    }

    /**
     * Returns "forgot password": request a reset link, set a new password with it.
     *
     * @return the password-reset service
     */
    public PasswordResetService passwordReset() {
        return passwordReset;
    }

    /**
     * Returns the maintenance sweep (expiry, reminders, purges) for the host's scheduler.
     *
     * @return the maintenance service
     */
    public MaintenanceService maintenance() {
        return maintenance;
    }

    /** Configures a {@link PortalInvite}. Only the email sender is required. */
    public static final class Builder {
        private @Nullable PortalStorage storage;
        private @Nullable TokenKey tokenKey;
        private @Nullable SecretKey authenticatorKey;
        private @Nullable EmailSender emailSender;
        private @Nullable SmsSender smsSender;
        private EmailAddress defaultSender = EmailAddress.of("no-reply@portal.invalid");
        private @Nullable PasswordHasher passwordHasher;
        private @Nullable PasswordValidator passwordValidator;
        private @Nullable MessageComposer composer;
        private Clock clock = Clock.systemUTC();
        private final List<PortalEventListener> listeners = new ArrayList<>();
        private final List<PortalEventListener> inTransactionListeners = new ArrayList<>();
        private @Nullable Duration auditRetention;
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private LoginPolicy loginPolicy = LoginPolicy.DEFAULT;
        private SignInThrottleSettings signInThrottle = SignInThrottleSettings.DEFAULT;
        private @Nullable SignInBudgets signInBudgets;
        private Duration dispatcherLease = Duration.ofSeconds(30);
        private int dispatcherBatchSize = 100;
        private int emailResultBatch = 100;
        private int smsResultBatch = 10;
        private Duration resultInterval = Duration.ofMillis(250);
        private Duration probeInitial = Duration.ofSeconds(1);
        private Duration probeMax = Duration.ofSeconds(5);
        private String messageIdDomain = "portal-invite";
        private Function<PracticeId, PortalSettings> settingsDefaults = PortalSettings::defaults;
        private PasswordResetPolicy passwordResetPolicy = PasswordResetPolicy.DEFAULT;
        private MaintenancePolicy maintenancePolicy = MaintenancePolicy.DEFAULT;

        private Builder() {}

        /**
         * Sets the stores. Default: {@link InMemoryPortalStorage}, with a warning.
         *
         * @param value the storage
         * @return this
         */
        public Builder storage(PortalStorage value) {
            this.storage = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets the secret key links are derived from. Use the same key on every node and keep it out
         * of the database. Default: a random key, with a warning (links then die on restart).
         *
         * @param value the key
         * @return this
         */
        public Builder tokenKey(TokenKey value) {
            this.tokenKey = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets the AES key (128 or 256 bits) that seals accounts' authenticator-app (TOTP) secrets in
         * the database. Use the same key on every node, keep it out of the database, and keep it: a
         * lost key makes every enrolled app unusable (holders then sign in with a recovery code and
         * enrol again). Default: none, and TOTP enrolment is refused.
         *
         * @param value the key, e.g. {@code new SecretKeySpec(bytes, "AES")}
         * @return this
         * @throws IllegalArgumentException when it is not an AES key of 128 or 256 bits
         */
        public Builder authenticatorKey(SecretKey value) {
            byte[] encoded = Objects.requireNonNull(value).getEncoded();
            if (!"AES".equalsIgnoreCase(value.getAlgorithm())
                    || encoded == null
                    || (encoded.length != 16 && encoded.length != 32)) {
                throw new IllegalArgumentException("the authenticator key must be an AES key of 128 or 256 bits");
            }
            this.authenticatorKey = value;
            return this;
        }

        /**
         * Sets how email is sent. Required.
         *
         * @param value the sender
         * @return this
         */
        public Builder emailSender(EmailSender value) {
            this.emailSender = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets how SMS notices are sent. Without one, no SMS notice is sent and invite results say so.
         *
         * @param value the sender
         * @return this
         */
        public Builder smsSender(@Nullable SmsSender value) {
            this.smsSender = value;
            return this;
        }

        /**
         * Sets the From address for practices that configure none.
         *
         * @param value the address
         * @return this
         */
        public Builder defaultSender(EmailAddress value) {
            this.defaultSender = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets the password hasher. Default: {@link Argon2idPasswordHasher} with OWASP's minimum
         * parameters (m=19456 KiB, t=2, p=1), built at the first hash or verification, so that
         * {@link #build()} never loads native code (a JNA older than
         * {@value JnaRequirement#MINIMUM} is reported at build as a warning, and at that first use as an
         * {@link io.portalinvite.password.UnsupportedJnaVersionException}).
         *
         * @param value the hasher
         * @return this
         */
        public Builder passwordHasher(PasswordHasher value) {
            this.passwordHasher = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets the password policy check. Default: {@link PasswordValidator} with the bundled
         * blocklist.
         *
         * @param value the validator
         * @return this
         */
        public Builder passwordValidator(PasswordValidator value) {
            this.passwordValidator = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Replaces message composition altogether. Default: {@link DefaultMessageComposer} on the
         * Mustache templates, which practices can reword through {@link PortalInvite#templates()}.
         *
         * @param value the composer
         * @return this
         */
        public Builder messageComposer(MessageComposer value) {
            this.composer = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets the clock. Default: the UTC system clock.
         *
         * @param value the clock
         * @return this
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Adds a listener told of each event after it commits.
         *
         * @param value the listener
         * @return this
         */
        public Builder listener(PortalEventListener value) {
            this.listeners.add(Objects.requireNonNull(value));
            return this;
        }

        /**
         * Adds a listener told of each event at once, on the thread that raises it and inside the
         * transaction that makes the change, before it commits (for work that then rolls back too).
         * It is meant for bridges to a framework that ties its own delivery to that transaction, as
         * Spring's transactional event listeners do; everything else wants {@link #listener}. An
         * exception thrown here is logged and does not undo anything.
         *
         * @param value the listener
         * @return this
         */
        public Builder inTransactionListener(PortalEventListener value) {
            this.inTransactionListeners.add(Objects.requireNonNull(value));
            return this;
        }

        /**
         * Sets when failed sends are retried. Default: {@link RetryPolicy#DEFAULT}.
         *
         * @param value the policy
         * @return this
         */
        public Builder retryPolicy(RetryPolicy value) {
            this.retryPolicy = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets the login throttling. Default: {@link LoginPolicy#DEFAULT}.
         *
         * @param value the policy
         * @return this
         */
        public Builder loginPolicy(LoginPolicy value) {
            this.loginPolicy = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets the sign-in budgets per client address and per known device, and the device cookies'
         * lifetime. Default: {@link SignInThrottleSettings#DEFAULT}.
         *
         * @param value the settings
         * @return this
         */
        public Builder signInThrottle(SignInThrottleSettings value) {
            this.signInThrottle = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Keeps sign-in budgets in this store instead of the storage's own ({@link
         * PortalStorage#signInBudgets()}), e.g. a store shared by several databases' hosts.
         *
         * @param value the store
         * @return this
         */
        public Builder signInBudgets(SignInBudgets value) {
            this.signInBudgets = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets how long a dispatcher's claim holds a message before another may take it. The
         * dispatcher renews the lease of the messages it still holds every third of it, so it can be
         * short: a dead node's messages are taken over after at most this long. Default: 30 seconds.
         *
         * @param value the lease, positive
         * @return this
         */
        public Builder dispatcherLease(Duration value) {
            this.dispatcherLease = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets how many messages a dispatcher pass claims. Default: 100.
         *
         * @param value the batch size
         * @return this
         */
        public Builder dispatcherBatchSize(int value) {
            this.dispatcherBatchSize = value;
            return this;
        }

        /**
         * Sets how results are recorded: at most {@code email} email results (or {@code sms} SMS
         * results) in one transaction, each waiting at most {@code interval}. These are also the most
         * messages a dispatcher holds sent but unrecorded, so after a crash at most that many are sent
         * again (with the same Message-ID, and recorded as sent again). Default: 100 emails, 10 SMS,
         * 250 ms.
         *
         * @param email the most email results per transaction
         * @param sms the most SMS results per transaction
         * @param interval the longest a result waits before it is recorded
         * @return this
         */
        public Builder dispatcherResultBatches(int email, int sms, Duration interval) {
            this.emailResultBatch = email;
            this.smsResultBatch = sms;
            this.resultInterval = Objects.requireNonNull(interval);
            return this;
        }

        /**
         * Sets how soon an unreachable SMTP server or SMS provider is tried again: after
         * {@code initial}, doubling up to {@code max}, so messages go out within about {@code max} of
         * its return. Default: 1 second, 5 seconds.
         *
         * @param initial the first pause
         * @param max the longest pause
         * @return this
         */
        public Builder dispatcherProbe(Duration initial, Duration max) {
            this.probeInitial = Objects.requireNonNull(initial);
            this.probeMax = Objects.requireNonNull(max);
            return this;
        }

        /**
         * Sets the domain part of generated Message-IDs, e.g. the host's mail domain. Default:
         * {@code portal-invite}.
         *
         * @param value the domain
         * @return this
         */
        public Builder messageIdDomain(String value) {
            if (!value.matches("[A-Za-z0-9.-]{1,200}")) {
                throw new ValidationException("messageIdDomain", "domain.syntax", "must be a plain domain name");
            }
            this.messageIdDomain = value;
            return this;
        }

        /**
         * Sets the settings a practice has before it saves its own (the portal should stay disabled in
         * them: a practice turns it on). Default: {@link PortalSettings#defaults}.
         *
         * @param value settings for a practice id, built for that practice
         * @return this
         */
        public Builder settingsDefaults(Function<PracticeId, PortalSettings> value) {
            this.settingsDefaults = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets how long audit entries are kept before {@link AuditService#purgeExpired()} deletes
         * them. Default: kept for ever. Healthcare records rules usually ask for years (e.g. six
         * under HIPAA's documentation rule, seven in several Australian states).
         *
         * @param value the retention period, at least one day
         * @return this
         */
        public Builder auditRetention(Duration value) {
            if (value == null || value.compareTo(Duration.ofDays(1)) < 0) {
                throw new ValidationException("auditRetention", "range", "must be at least one day");
            }
            this.auditRetention = value;
            return this;
        }

        /**
         * Sets the password-reset rules. Default: {@link PasswordResetPolicy#DEFAULT} (one-hour
         * links, three requests per account per hour).
         *
         * @param value the policy
         * @return this
         */
        public Builder passwordResetPolicy(PasswordResetPolicy value) {
            this.passwordResetPolicy = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets the maintenance sweep's batch sizes and retention periods. Default:
         * {@link MaintenancePolicy#DEFAULT}.
         *
         * @param value the policy
         * @return this
         */
        public Builder maintenancePolicy(MaintenancePolicy value) {
            this.maintenancePolicy = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Builds the portal.
         *
         * @return the portal
         * @throws NullPointerException when no email sender was set
         */
        public PortalInvite build() {
            return new PortalInvite(this);
        }
    }
}
