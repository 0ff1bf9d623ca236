package io.portalinvite.account;

import io.portalinvite.account.PortalAccount.AccountStatus;
import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.audit.AuditEvent.AuditOutcome;
import io.portalinvite.audit.AuditStore;
import io.portalinvite.common.AccountId;
import io.portalinvite.common.Actor;
import io.portalinvite.common.ValidationException;
import io.portalinvite.event.PortalEvent;
import io.portalinvite.event.PortalEventListener;
import io.portalinvite.internal.password.LegacyPasswordVerifier;
import io.portalinvite.internal.throttle.SignInThrottle;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.password.PasswordHasher;
import io.portalinvite.settings.SettingsService;
import io.portalinvite.throttle.SignInClient;
import io.portalinvite.tx.TransactionRunner;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs invitees in with the password they set.
 *
 * <p>Every failure gives the same {@link LoginResult} and costs the same work: an unknown email, a
 * throttled, locked or disabled account all run one Argon2id verification against a dummy hash, so
 * neither the answer nor its timing tells whether an account exists (checklist E1, E2). Failed
 * attempts are throttled per account as {@link LoginPolicy} says. A successful login resets the
 * counter and, when the stored hash was made with weaker parameters than today's, stores a new hash
 * of the same password (OWASP: upgrade the work factor at the next login). An account
 * {@linkplain AccountImportService imported} with another system's hash is checked and moved to
 * Argon2id the same way, by the stored-password check.
 */
public final class LoginService {

    private static final Logger log = LoggerFactory.getLogger(LoginService.class);

    private final TransactionRunner tx;
    private final AccountStore accounts;
    private final SettingsService settings;
    private final PasswordHasher hasher;
    private final Clock clock;
    /** A hash of a random value, made at the first login so that building the service hashes nothing. */
    private volatile @Nullable String dummyHash;

    private final StoredPasswordCheck passwords;
    private final LoginRecorder recorder;
    private final SignInThrottle throttle;

    /**
     * Creates the service. Built by {@link io.portalinvite.PortalInvite}; hosts get it from there.
     *
     * @param tx the transaction boundary the stores join
     * @param accounts the account store
     * @param audit the audit store
     * @param settings practices' settings (time zones for grant end dates)
     * @param hasher the library's password hasher: checks its own hashes and makes every new one
     * @param policy the throttling policy
     * @param clock the clock
     * @param events told of each login after it commits
     * @param inTransaction told of each login at once, inside the transaction that records it
     * @param access builds the signed-in principal (active grants, privacy notices to accept)
     * @param legacy checks imported hashes, which are replaced by the library's own at the first
     *     sign-in that matches
     * @param throttle the per-address and per-device budgets and the device cookies
     */
    public LoginService(
            TransactionRunner tx,
            AccountStore accounts,
            AuditStore audit,
            SettingsService settings,
            PasswordHasher hasher,
            LoginPolicy policy,
            Clock clock,
            PortalEventListener events,
            PortalEventListener inTransaction,
            AccessService access,
            LegacyPasswordVerifier legacy,
            SignInThrottle throttle) {
        this.passwords = new StoredPasswordCheck(hasher, legacy);
        this.recorder = new LoginRecorder(tx, accounts, audit, policy, clock, events, inTransaction, access);
        this.throttle = throttle;
        this.tx = tx;
        this.accounts = accounts;
        this.settings = settings;
        // timed, so that a failed check of an imported hash waits as long as an unknown email costs
        this.hasher = passwords.hasher();
        this.clock = clock;
    }

    /**
     * Attempts a login.
     *
     * @param email the email as typed
     * @param password the password as typed
     * @return success with the principal, or the generic failure
     */
    public LoginResult login(String email, String password) {
        return login(email, password, SignInClient.UNKNOWN);
    }

    /**
     * Attempts a login from a client the host describes, throttled after OWASP's device-cookie
     * scheme: the client address's budget first (refused with {@link LoginResult#rateLimited()},
     * before any account is looked up, so it tells nothing about accounts); then, for an attempt
     * with a valid device cookie of the account, the device's own budget instead of the account's
     * lockout, so that failures from elsewhere never keep the owner's known device out; for any other
     * attempt, when one is set, the email's budget (refused with {@link LoginResult#paused()} at the
     * same attempt whether or not an account has the email, after the same dummy verification). A
     * success carries a new device cookie for the host to set.
     *
     * @param email the email as typed
     * @param password the password as typed
     * @param client the client's address and device cookie
     * @return success with the principal and a device cookie, the generic failure, "too many
     *     attempts from this address" or "sign-in with this email is paused", with the time to wait
     */
    public LoginResult login(String email, String password, SignInClient client) {
        // made here, not only on the paths that use it, so the first login costs the same on every path
        dummyHash();
        Optional<Duration> wait = throttle.refusedForAddress(client);
        if (wait.isPresent()) {
            return recorder.rateLimited(wait.get());
        }
        Optional<EmailAddress> parsed = parse(email);
        Optional<PortalAccount> found = parsed.flatMap(e -> accounts.findByEmail(e.lookupKey()));
        Instant now = clock.instant();
        // a known device is throttled on its own budget: the email's budget and the account's
        // lockout, which anyone who knows the email can run up, apply to the other clients only
        boolean knownDevice = found.isPresent()
                && throttle.fromKnownDevice(client, found.get().id());
        if (!knownDevice) {
            Optional<Duration> paused = throttle.pausedForEmail(
                    parsed.map(EmailAddress::lookupKey).orElse(email.strip().toLowerCase(Locale.ROOT)));
            if (paused.isPresent()) {
                equalWork(password);
                return recorder.paused(found.orElse(null), paused.get());
            }
        }
        if (found.isEmpty()) {
            equalWork(password);
            log.info("login failed: no account for the given email");
            recorder.audit(AuditEvent.of(AuditAction.LOGIN_FAILURE, Actor.ANONYMOUS, now)
                    .outcome(AuditOutcome.FAILURE)
                    .detail("reason", "unknown_account")
                    .build());
            recorder.publish(new PortalEvent.LoginFailed("unknown_account", now));
            return LoginResult.failed();
        }
        PortalAccount account = found.get();
        boolean lockedButKnownDevice = account.status() == AccountStatus.LOCKED && knownDevice;
        if (account.status() != AccountStatus.ACTIVE && !lockedButKnownDevice) {
            equalWork(password);
            return recorder.refused(
                    account, now, "account_" + account.status().name().toLowerCase(Locale.ROOT));
        }
        Instant throttledUntil = account.throttledUntil();
        if (!knownDevice && throttledUntil != null && now.isBefore(throttledUntil)) {
            equalWork(password);
            return recorder.refused(account, now, "throttled");
        }
        StoredPasswordCheck.Outcome checked = passwords.check(account.passwordHash(), password);
        if (!checked.matched()) {
            return knownDevice
                    ? recorder.refused(account, now, "wrong_password_known_device")
                    : recorder.failedPassword(account);
        }
        LoginResult result = recorder.success(account, checked.newHash(), checked.upgradedFrom());
        return result.succeeded() ? result.withDeviceCookie(throttle.issueDeviceCookie(account.id())) : result;
    }

    /**
     * Returns how long a device cookie from {@link LoginResult#deviceCookie()} stays valid, for the
     * cookie's {@code Max-Age}.
     *
     * @return the lifetime
     */
    public Duration deviceCookieLifetime() {
        return throttle.deviceCookieLifetime();
    }

    /**
     * Unlocks an account locked after too many failures (staff action or a recovery flow).
     *
     * @param accountId the account
     * @return the account as it now is
     * @throws ValidationException when no such account exists
     */
    public PortalAccount unlock(AccountId accountId) {
        return tx.inTransaction(() -> {
            PortalAccount account = accounts.findById(accountId)
                    .orElseThrow(() -> new ValidationException("accountId", "not_found", "no such account"));
            if (account.status() != AccountStatus.LOCKED && account.failedLogins() == 0) {
                return account;
            }
            PortalAccount unlocked = account.unlocked();
            if (!accounts.update(unlocked)) {
                throw new io.portalinvite.common.ConcurrentChangeException("The account");
            }
            return unlocked;
        });
    }

    /** Spends the same Argon2id work as a real verification, so an unknown account is not faster. */
    private void equalWork(String password) {
        hasher.verify(dummyHash(), password);
    }

    private String dummyHash() {
        String h = dummyHash;
        if (h == null) {
            synchronized (this) {
                h = dummyHash;
                if (h == null) {
                    byte[] random = new byte[24];
                    new SecureRandom().nextBytes(random);
                    h = hasher.hash(Base64.getEncoder().encodeToString(random));
                    dummyHash = h;
                }
            }
        }
        return h;
    }

    private static Optional<EmailAddress> parse(String email) {
        try {
            return Optional.of(EmailAddress.parse("email", email));
        } catch (ValidationException e) {
            return Optional.empty();
        }
    }

    /**
     * Tells whether a session the host issued for an account at {@code issuedAt} may continue. The
     * library keeps no sessions; the host calls this on each request (or each few minutes) with the
     * time it logged the account in. A session is invalid once the account is no longer active or
     * its password changed after the session began — a password reset ends every earlier session
     * (checklist F3).
     *
     * @param accountId the session's account
     * @param issuedAt when the session was created (the login time)
     * @return true when the session may continue
     */
    public boolean isSessionValid(AccountId accountId, Instant issuedAt) {
        return accounts.findById(accountId)
                .filter(a -> a.status() == AccountStatus.ACTIVE)
                .filter(a -> !issuedAt.isBefore(a.passwordChangedAt()))
                .isPresent();
    }

    /**
     * The answer to a login. A failure is always the same value with the same message, whether the
     * email is unknown, the password wrong, or the account throttled, locked or disabled (OWASP
     * authentication: generic failure, checklist E1). The refusals for a spent budget — of the
     * client's address, or of the email tried — name a time to wait and are given alike for known
     * and unknown emails.
     */
    public static final class LoginResult {

        /** The one message shown for every failed login. */
        public static final String FAILURE_MESSAGE = "Login failed: the email address or password is incorrect.";

        /** The message shown when the client's address has no sign-in attempt left for now. */
        public static final String RATE_LIMITED_MESSAGE =
                "Too many sign-in attempts from your network. Please wait a few minutes and try again.";

        /**
         * The message shown when the email tried has no sign-in attempt left for now; the same for
         * emails no account has.
         */
        public static final String PAUSED_MESSAGE = "Sign-in with this email address is paused for a few minutes "
                + "after too many attempts. Please try again later or reset your password.";

        private static final LoginResult FAILED = new LoginResult(null, null, null, false);

        private final @Nullable PortalPrincipal principal;
        private final @Nullable String deviceCookie;
        private final @Nullable Duration retryAfter;
        private final boolean paused;

        private LoginResult(
                @Nullable PortalPrincipal principal,
                @Nullable String deviceCookie,
                @Nullable Duration retryAfter,
                boolean paused) {
            this.principal = principal;
            this.deviceCookie = deviceCookie;
            this.retryAfter = retryAfter;
            this.paused = paused;
        }

        static LoginResult success(PortalPrincipal principal) {
            return new LoginResult(principal, null, null, false);
        }

        static LoginResult failed() {
            return FAILED;
        }

        static LoginResult rateLimited(Duration retryAfter) {
            return new LoginResult(null, null, retryAfter, false);
        }

        static LoginResult paused(Duration retryAfter) {
            return new LoginResult(null, null, retryAfter, true);
        }

        LoginResult withDeviceCookie(String cookie) {
            return new LoginResult(principal, cookie, null, false);
        }

        /**
         * Tells whether the login succeeded.
         *
         * @return true on success
         */
        public boolean succeeded() {
            return principal != null;
        }

        /**
         * Returns who logged in.
         *
         * @return the principal, or empty on failure
         */
        public Optional<PortalPrincipal> principal() {
            return Optional.ofNullable(principal);
        }

        /**
         * Returns the device cookie to set after a successful login: presented with later logins of
         * the same account, it lets them through on the device's own budget even while the account
         * is locked out for other clients. Set it HttpOnly, Secure, SameSite and limited to the
         * portal's path; its value is a credential, never log it.
         *
         * @return the cookie value on success; empty otherwise
         */
        public Optional<String> deviceCookie() {
            return Optional.ofNullable(deviceCookie);
        }

        /**
         * Tells whether the attempt was refused because its client address has no attempt left;
         * answer it with HTTP 429 and {@code Retry-After: }{@link #retryAfter()}. No account was
         * looked at, so this tells nothing about the email.
         *
         * @return true when refused for the address
         */
        public boolean rateLimited() {
            return retryAfter != null && !paused;
        }

        /**
         * Tells whether the attempt was refused because the email tried has no attempt left for now
         * (the per-email budget of {@link io.portalinvite.throttle.SignInThrottleSettings}): sign-in
         * with this email is paused for {@link #retryAfter()}. Emails no account has are paused at
         * the same attempt and for as long, so this tells nothing about accounts; answer it with HTTP
         * 429 and {@code Retry-After}, and offer the password reset.
         *
         * @return true when refused for the email
         */
        public boolean paused() {
            return paused;
        }

        /**
         * Returns how long the client should wait before trying again.
         *
         * @return the wait when {@link #rateLimited()} or {@link #paused()}; empty otherwise
         */
        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }

        /**
         * Returns the message to show.
         *
         * @return the generic failure message, the rate-limit or paused message, or an empty string on
         *     success
         */
        public String message() {
            if (principal != null) {
                return "";
            }
            if (paused) {
                return PAUSED_MESSAGE;
            }
            return retryAfter != null ? RATE_LIMITED_MESSAGE : FAILURE_MESSAGE;
        }

        @Override
        public String toString() {
            if (principal != null) {
                return "LoginResult[" + principal.accountId() + "]";
            }
            if (retryAfter != null) {
                return "LoginResult[" + (paused ? "paused, " : "rate limited, ") + retryAfter + "]";
            }
            return "LoginResult[failed]";
        }
    }

    /**
     * Throttling of failed logins per account (NIST SP 800-63B-4 §3.2.2, checklist E3): from the
     * {@code throttleFrom}-th consecutive failure no password is checked until a delay has passed,
     * doubling from {@code initialDelay} up to {@code maxDelay}; at {@code lockAt} failures the account
     * locks until staff or a recovery flow unlocks it. The counter is per account, whatever address
     * the attempts come from, and resets on success.
     *
     * @param throttleFrom the failure count from which delays apply (default 5)
     * @param initialDelay the first delay (default 1 s)
     * @param maxDelay the longest delay (default 15 min)
     * @param lockAt the failure count that locks the account; at most 100 (default 100)
     */
    public record LoginPolicy(int throttleFrom, Duration initialDelay, Duration maxDelay, int lockAt) {

        /** The default policy. */
        public static final LoginPolicy DEFAULT =
                new LoginPolicy(5, Duration.ofSeconds(1), Duration.ofMinutes(15), 100);

        /** Checks the ranges; NIST allows at most 100 consecutive failures. */
        public LoginPolicy {
            if (throttleFrom < 1 || lockAt < throttleFrom || lockAt > 100) {
                throw new IllegalArgumentException("need 1 <= throttleFrom <= lockAt <= 100");
            }
            if (initialDelay.isNegative() || initialDelay.isZero() || maxDelay.compareTo(initialDelay) < 0) {
                throw new IllegalArgumentException("need 0 < initialDelay <= maxDelay");
            }
        }

        /**
         * Computes until when password checks are suspended after the given number of failures.
         *
         * @param failures consecutive failures, including the one just made
         * @param now the current time
         * @return the end of the delay, or null when no delay applies yet
         */
        public @Nullable Instant throttledUntil(int failures, Instant now) {
            if (failures < throttleFrom) {
                return null;
            }
            int doublings = Math.min(failures - throttleFrom, 30);
            long millis = Math.min(initialDelay.toMillis() << doublings, maxDelay.toMillis());
            if (millis <= 0 || millis > maxDelay.toMillis()) {
                millis = maxDelay.toMillis();
            }
            return now.plusMillis(millis);
        }

        /**
         * Tells whether this many failures lock the account.
         *
         * @param failures consecutive failures
         * @return true at or above {@link #lockAt()}
         */
        public boolean locks(int failures) {
            return failures >= lockAt;
        }
    }
}
