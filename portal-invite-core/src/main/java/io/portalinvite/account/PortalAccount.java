package io.portalinvite.account;

import io.portalinvite.common.AccountId;
import io.portalinvite.party.EmailAddress;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A login identity: a normalised email, an Argon2id password hash in PHC form, a status and the
 * failed-login state used for throttling. Immutable; changes produce a new value with a higher
 * {@link #version()} (optimistic locking).
 *
 * @param id the account's id
 * @param email the login email; unique by {@link EmailAddress#lookupKey()}
 * @param passwordHash the PHC string of the password hash; never logged
 * @param status whether it can log in
 * @param failedLogins consecutive failed logins since the last success
 * @param throttledUntil no password is checked before this instant, or null
 * @param createdAt when it was created
 * @param lastLoginAt the last successful login, or null
 * @param passwordChangedAt when the password was last set
 * @param version optimistic-lock version, starting at 1
 */
public record PortalAccount(
        AccountId id,
        EmailAddress email,
        String passwordHash,
        AccountStatus status,
        int failedLogins,
        @Nullable Instant throttledUntil,
        Instant createdAt,
        @Nullable Instant lastLoginAt,
        Instant passwordChangedAt,
        long version) {

    /** Checks invariants. */
    public PortalAccount {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(passwordChangedAt, "passwordChangedAt");
        if (failedLogins < 0 || version < 1) {
            throw new IllegalArgumentException("failedLogins must not be negative and version starts at 1");
        }
    }

    /**
     * A new active account.
     *
     * @param email the login email
     * @param passwordHash the PHC hash
     * @param now the current time
     * @return the account, version 1
     */
    public static PortalAccount activate(EmailAddress email, String passwordHash, Instant now) {
        return new PortalAccount(
                AccountId.random(), email, passwordHash, AccountStatus.ACTIVE, 0, null, now, null, now, 1);
    }

    /**
     * The account after a successful login: counter reset, optionally a stronger hash.
     *
     * @param now the current time
     * @param newHash a rehash under current parameters, or null to keep the stored one
     * @return the changed account
     */
    public PortalAccount loggedIn(Instant now, @Nullable String newHash) {
        return new PortalAccount(
                id,
                email,
                newHash == null ? passwordHash : newHash,
                status,
                0,
                null,
                createdAt,
                now,
                passwordChangedAt,
                version + 1);
    }

    /**
     * The account after a failed login.
     *
     * @param now the current time
     * @param throttleUntil when the next password check may happen, or null for no delay
     * @param lock whether the hard lock threshold was reached
     * @return the changed account
     */
    public PortalAccount failedLogin(Instant now, @Nullable Instant throttleUntil, boolean lock) {
        return new PortalAccount(
                id,
                email,
                passwordHash,
                lock ? AccountStatus.LOCKED : status,
                failedLogins + 1,
                throttleUntil,
                createdAt,
                lastLoginAt,
                passwordChangedAt,
                version + 1);
    }

    /**
     * The account unlocked by staff or recovery: active again with a clean failure count.
     *
     * @return the changed account
     */
    public PortalAccount unlocked() {
        return new PortalAccount(
                id,
                email,
                passwordHash,
                AccountStatus.ACTIVE,
                0,
                null,
                createdAt,
                lastLoginAt,
                passwordChangedAt,
                version + 1);
    }

    /**
     * The account after its password was reset through a reset link: the new hash, a clean failure
     * count, and a locked account active again (following the emailed link proves control of the
     * address, so the reset is the recovery path the lockout points to — checklist E3). Sessions
     * issued before {@code now} stop being valid (see {@link LoginService#isSessionValid}).
     *
     * @param newHash the PHC hash of the new password
     * @param now the current time
     * @return the changed account
     */
    public PortalAccount passwordReset(String newHash, Instant now) {
        return new PortalAccount(
                id,
                email,
                newHash,
                status == AccountStatus.LOCKED ? AccountStatus.ACTIVE : status,
                0,
                null,
                createdAt,
                lastLoginAt,
                now,
                version + 1);
    }

    /** The email of {@link #decoy()}: a reserved domain that no mailbox has. */
    public static final String DECOY_EMAIL = "decoy@portal-invite.invalid";
    /** The password hash of {@link #decoy()}: not a PHC string, so nothing ever verifies against it. */
    public static final String DECOY_HASH = "$decoy$";

    /** The id of {@link #decoy()}; no real account has it (real ids are random version-4 UUIDs). */
    public static final AccountId DECOY_ID = new AccountId(new java.util.UUID(0L, 0L));

    /**
     * The stand-in a lookup returns for an unknown email where the answer must cost the same as a
     * hit (see {@link AccountStore#findByEmailOrDecoy}). It is PENDING, so it can never log in.
     *
     * @return the decoy
     */
    public static PortalAccount decoy() {
        return DECOY;
    }

    /**
     * Tells whether this is {@link #decoy()}.
     *
     * @return true for the decoy
     */
    public boolean isDecoy() {
        return DECOY_ID.equals(id);
    }

    private static final PortalAccount DECOY = new PortalAccount(
            DECOY_ID,
            EmailAddress.of(DECOY_EMAIL),
            DECOY_HASH,
            AccountStatus.PENDING,
            0,
            null,
            Instant.EPOCH,
            null,
            Instant.EPOCH,
            1);

    @Override
    public String toString() {
        return "PortalAccount[" + id + ", status=" + status + ", failedLogins=" + failedLogins + ", v" + version + "]";
    }

    /** Whether an account can log in. */
    public enum AccountStatus {
        /** Created but without a usable password yet; cannot log in. */
        PENDING,
        /** Can log in. */
        ACTIVE,
        /** Locked after too many failed logins; staff or a recovery flow must unlock it. */
        LOCKED,
        /** Switched off by the practice; cannot log in. */
        DISABLED
    }
}
