package io.portalinvite.authenticator;

import io.portalinvite.account.AccountStore;
import io.portalinvite.account.PortalAccount;
import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.audit.AuditEvent.AuditOutcome;
import io.portalinvite.audit.AuditStore;
import io.portalinvite.common.AccountId;
import io.portalinvite.common.Actor;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.ValidationException;
import io.portalinvite.internal.throttle.SignInThrottle;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.settings.SecondFactorPolicy;
import io.portalinvite.settings.SettingsService;
import io.portalinvite.throttle.SignInClient;
import io.portalinvite.tx.TransactionRunner;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import javax.crypto.SecretKey;
import org.jspecify.annotations.Nullable;

/**
 * An account's authenticators beside its password: enrol an authenticator app (TOTP) and confirm it
 * with a first code, check a code or a recovery code at sign-in, issue recovery codes, and list,
 * rename and remove passkeys. Every change and every sign-in check is audited; sign-in checks go
 * through the sign-in throttle (per client address, per known device, per account), so guessing
 * codes from elsewhere never locks out the owner's known device.
 *
 * <p>TOTP secrets are sealed with the host's AES key ({@link
 * io.portalinvite.PortalInvite.Builder#authenticatorKey}); without one, TOTP enrolment is refused.
 * Built by {@link io.portalinvite.PortalInvite}.
 */
public final class AuthenticatorService {

    private final TransactionRunner tx;
    private final AuthenticatorStore store;
    private final AccountStore accounts;
    private final AuditStore audit;
    private final SettingsService settings;
    private final SignInThrottle throttle;
    private final @Nullable SecretSealer sealer;
    private final SecureRandom random;
    private final Clock clock;

    /**
     * Creates the service. Built by {@link io.portalinvite.PortalInvite}; hosts get it from there.
     *
     * @param tx the transaction boundary the stores join
     * @param store the authenticator store
     * @param accounts the account store
     * @param audit the audit store
     * @param settings the practices' settings (second-factor policy, practice name)
     * @param throttle the sign-in throttle
     * @param key the AES key TOTP secrets are sealed with, or null when TOTP is not offered
     * @param clock the clock
     */
    public AuthenticatorService(
            TransactionRunner tx,
            AuthenticatorStore store,
            AccountStore accounts,
            AuditStore audit,
            SettingsService settings,
            SignInThrottle throttle,
            @Nullable SecretKey key,
            Clock clock) {
        this.tx = Objects.requireNonNull(tx, "tx");
        this.store = Objects.requireNonNull(store, "store");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.random = new SecureRandom();
        this.sealer = key == null ? null : new SecretSealer(key, random);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Starts enrolling an authenticator app: a new secret, shown once, replacing any unconfirmed
     * enrolment. It becomes a second factor once {@link #confirmTotp confirmed} with a first code.
     *
     * @param account the account
     * @param practice the practice the holder is signed in at (its name is the issuer in the app)
     * @return the secret and its {@code otpauth://} URI
     * @throws ValidationException {@code secondFactor}/{@code second_factor.off} when the practice
     *     does not offer a second factor; {@code totp}/{@code totp.already_enrolled} when the account
     *     has a confirmed app (remove it first); {@code account}/{@code account.unknown}
     * @throws IllegalStateException when the host configured no authenticator key
     */
    public TotpSetup startTotpEnrolment(AccountId account, PracticeId practice) {
        SecretSealer s = requireSealer();
        String issuer = offering(practice).practice().name();
        return tx.inTransaction(() -> {
            PortalAccount holder = accounts.findById(account)
                    .orElseThrow(() -> new ValidationException("account", "account.unknown", "no such account"));
            Optional<TotpEnrolment> existing = store.findTotp(account);
            if (existing.isPresent() && existing.get().confirmed()) {
                throw new ValidationException(
                        "totp", "totp.already_enrolled", "an authenticator app is enrolled; remove it first");
            }
            byte[] secret = new byte[Totp.SECRET_BYTES];
            random.nextBytes(secret);
            store.saveTotp(TotpEnrolment.unconfirmed(account, s.seal(account, secret), clock.instant()));
            return new TotpSetup(
                    Totp.base32(secret),
                    Totp.APPS.enrolmentUri(issuer, holder.email().value(), secret));
        });
    }

    /**
     * Confirms an enrolment with the first code the app shows; that code is used up.
     *
     * @param account the account
     * @param code the code the holder typed
     * @return true when the enrolment is now confirmed; false for a wrong code or no enrolment
     */
    public boolean confirmTotp(AccountId account, String code) {
        SecretSealer s = requireSealer();
        return tx.inTransaction(() -> {
            Optional<TotpEnrolment> found = store.findTotp(account);
            if (found.isEmpty() || found.get().confirmed()) {
                return false;
            }
            Instant now = clock.instant();
            TotpEnrolment e = found.get();
            OptionalLong step = Totp.APPS.matchingStep(s.open(account, e.sealedSecret()), code, now, e.lastUsedStep());
            if (step.isEmpty() || !store.confirmTotp(account, step.getAsLong(), now)) {
                return false;
            }
            audit.append(event(AuditAction.TOTP_ENROLLED, account, now).build());
            return true;
        });
    }

    /**
     * Tells whether an account has a confirmed authenticator app.
     *
     * @param account the account
     * @return true when it has one
     */
    public boolean totpEnrolled(AccountId account) {
        return tx.inTransaction(
                () -> store.findTotp(account).map(TotpEnrolment::confirmed).orElse(false));
    }

    /**
     * Checks an authenticator-app code at sign-in. A code is accepted once: the same code again,
     * or an earlier one, is refused even within its 30-second window.
     *
     * @param account the account that passed its password check
     * @param code the code typed
     * @param client who is signing in (address and device cookie), for throttling
     * @return accepted, refused, or refused with a time to wait
     */
    public SecondFactorCheck verifyTotp(AccountId account, String code, SignInClient client) {
        SecretSealer s = requireSealer();
        return checked(account, client, "totp", now -> {
            Optional<TotpEnrolment> found = store.findTotp(account);
            if (found.isEmpty() || !found.get().confirmed()) {
                return false;
            }
            TotpEnrolment e = found.get();
            OptionalLong step = Totp.APPS.matchingStep(s.open(account, e.sealedSecret()), code, now, e.lastUsedStep());
            return step.isPresent() && store.useTotpStep(account, step.getAsLong(), now);
        });
    }

    /**
     * Checks a recovery code at sign-in, in place of the authenticator app; each code works once.
     *
     * @param account the account that passed its password check
     * @param code the code typed (case, spaces and dashes do not matter)
     * @param client who is signing in, for throttling
     * @return accepted, refused, or refused with a time to wait
     */
    public SecondFactorCheck useRecoveryCode(AccountId account, String code, SignInClient client) {
        return checked(account, client, "recovery_code", now -> {
            Optional<String> digest = RecoveryCodes.digest(account, code);
            return digest.isPresent() && store.useRecoveryCode(account, digest.get(), now);
        });
    }

    /**
     * Issues a new set of recovery codes, replacing any earlier set (used or not). The codes are
     * returned once and stored only as digests.
     *
     * @param account the account
     * @return the {@value RecoveryCodes#COUNT} codes, to show to the holder once
     */
    public List<String> issueRecoveryCodes(AccountId account) {
        List<String> codes = RecoveryCodes.generate(random);
        List<String> digests = new ArrayList<>(codes.size());
        for (String code : codes) {
            digests.add(RecoveryCodes.digest(account, code).orElseThrow());
        }
        tx.inTransaction(() -> {
            Instant now = clock.instant();
            store.replaceRecoveryCodes(account, digests, now);
            audit.append(event(AuditAction.RECOVERY_CODES_ISSUED, account, now)
                    .detail("count", codes.size())
                    .build());
        });
        return codes;
    }

    /**
     * Counts the recovery codes an account has left.
     *
     * @param account the account
     * @return unused codes
     */
    public int unusedRecoveryCodes(AccountId account) {
        return tx.inTransaction(() -> store.unusedRecoveryCodes(account));
    }

    /**
     * Removes an account's authenticator app (confirmed or not).
     *
     * @param account the account
     * @return true when there was one
     */
    public boolean removeTotp(AccountId account) {
        return tx.inTransaction(() -> {
            Instant now = clock.instant();
            boolean removed = store.deleteTotp(account);
            if (removed) {
                audit.append(event(AuditAction.TOTP_REMOVED, account, now).build());
            }
            return removed;
        });
    }

    /**
     * Stores a passkey whose registration ceremony the caller has verified.
     *
     * @param credential the passkey
     * @throws ValidationException {@code passkey.credentialId}/{@code passkey.duplicate} when a
     *     passkey with that credential id is registered already
     */
    public void addPasskey(PasskeyCredential credential) {
        tx.inTransaction(() -> {
            if (!store.insertPasskey(credential)) {
                throw new ValidationException(
                        "passkey.credentialId", "passkey.duplicate", "this passkey is registered already");
            }
            audit.append(event(AuditAction.PASSKEY_ADDED, credential.accountId(), clock.instant())
                    .detail("label", credential.label())
                    .build());
        });
    }

    /**
     * Lists an account's passkeys, for its account page.
     *
     * @param account the account
     * @return its passkeys, oldest first
     */
    public List<PasskeyCredential> passkeys(AccountId account) {
        return tx.inTransaction(() -> store.findPasskeys(account));
    }

    /**
     * Renames one of an account's passkeys.
     *
     * @param account the account
     * @param credentialId the passkey's credential id
     * @param label the new name, 1 to 64 characters
     * @return false when the account has no such passkey
     * @throws ValidationException naming {@code passkey.label} when the name breaks a rule
     */
    public boolean renamePasskey(AccountId account, String credentialId, String label) {
        String checked = PasskeyCredential.checkedLabel(label);
        if (!PasskeyCredential.isCredentialId(credentialId)) {
            return false;
        }
        return tx.inTransaction(() -> {
            boolean renamed = store.renamePasskey(account, credentialId, checked);
            if (renamed) {
                audit.append(event(AuditAction.PASSKEY_RENAMED, account, clock.instant())
                        .detail("label", checked)
                        .build());
            }
            return renamed;
        });
    }

    /**
     * Removes one of an account's passkeys.
     *
     * @param account the account
     * @param credentialId the passkey's credential id
     * @return false when the account has no such passkey
     */
    public boolean removePasskey(AccountId account, String credentialId) {
        if (!PasskeyCredential.isCredentialId(credentialId)) {
            return false;
        }
        return tx.inTransaction(() -> {
            boolean removed = store.deletePasskey(account, credentialId);
            if (removed) {
                audit.append(event(AuditAction.PASSKEY_REMOVED, account, clock.instant())
                        .build());
            }
            return removed;
        });
    }

    /** A sign-in check: throttled first, then the check and its audit entry in one transaction. */
    private SecondFactorCheck checked(AccountId account, SignInClient client, String method, Check check) {
        Optional<Duration> wait = throttle.refusedForSecondFactor(client, account);
        if (wait.isPresent()) {
            tx.inTransaction(() -> audit.append(event(AuditAction.SECOND_FACTOR_FAILURE, account, clock.instant())
                    .outcome(AuditOutcome.FAILURE)
                    .detail("method", method)
                    .detail("reason", "rate_limited")
                    .detail("retryAfterSeconds", wait.get().toSeconds())
                    .build()));
            return SecondFactorCheck.rateLimited(wait.get());
        }
        return tx.inTransaction(() -> {
            Instant now = clock.instant();
            boolean accepted = check.accepts(now);
            audit.append(event(
                            accepted ? AuditAction.SECOND_FACTOR_SUCCESS : AuditAction.SECOND_FACTOR_FAILURE,
                            account,
                            now)
                    .outcome(accepted ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE)
                    .detail("method", method)
                    .build());
            return accepted ? SecondFactorCheck.acceptedCode() : SecondFactorCheck.refusedCode();
        });
    }

    private PortalSettings offering(PracticeId practice) {
        PortalSettings s = settings.get(practice);
        if (s.registration().secondFactor() == SecondFactorPolicy.OFF) {
            throw new ValidationException(
                    "secondFactor", "second_factor.off", "this practice does not offer a second factor");
        }
        return s;
    }

    private SecretSealer requireSealer() {
        if (sealer == null) {
            throw new IllegalStateException(
                    "no authenticator key is configured: set PortalInvite.Builder.authenticatorKey to offer TOTP");
        }
        return sealer;
    }

    private static AuditEvent.Builder event(AuditAction action, AccountId account, Instant now) {
        return AuditEvent.of(action, Actor.account(account), now).account(account);
    }

    @FunctionalInterface
    private interface Check {
        boolean accepts(Instant now);
    }
}
