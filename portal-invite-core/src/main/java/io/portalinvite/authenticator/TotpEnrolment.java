package io.portalinvite.authenticator;

import io.portalinvite.common.AccountId;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An account's authenticator-app (TOTP, RFC 6238) enrolment as stored: the shared secret sealed with
 * the host's key, whether the holder proved they hold it, and the last time step a code was accepted
 * for, so that no code is accepted twice. Codes are 6 digits over 30-second steps with HMAC-SHA-1,
 * what authenticator apps expect.
 *
 * @param accountId the account
 * @param sealedSecret the secret, encrypted and authenticated with the host's key (never the secret
 *     itself)
 * @param createdAt when the enrolment began
 * @param confirmedAt when the holder first entered a valid code, or null while unconfirmed (an
 *     unconfirmed enrolment is not a second factor)
 * @param lastUsedStep the last time step a code was accepted for, or -1 when none was
 * @param lastUsedAt when that code was accepted, or null
 */
public record TotpEnrolment(
        AccountId accountId,
        byte[] sealedSecret,
        Instant createdAt,
        @Nullable Instant confirmedAt,
        long lastUsedStep,
        @Nullable Instant lastUsedAt) {

    /** The most bytes a sealed secret may have. */
    public static final int MAX_SEALED_BYTES = 256;

    /** Checks the parts and copies the secret. */
    public TotpEnrolment {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(createdAt, "createdAt");
        if (sealedSecret.length == 0 || sealedSecret.length > MAX_SEALED_BYTES) {
            throw new IllegalArgumentException("sealedSecret must have 1 to " + MAX_SEALED_BYTES + " bytes");
        }
        if (lastUsedStep < -1) {
            throw new IllegalArgumentException("lastUsedStep must be -1 or a time step");
        }
        sealedSecret = sealedSecret.clone();
    }

    /**
     * A new, unconfirmed enrolment.
     *
     * @param accountId the account
     * @param sealedSecret the sealed secret
     * @param now the current time
     * @return the enrolment
     */
    public static TotpEnrolment unconfirmed(AccountId accountId, byte[] sealedSecret, Instant now) {
        return new TotpEnrolment(accountId, sealedSecret, now, null, -1, null);
    }

    /**
     * Returns a copy of the sealed secret.
     *
     * @return the sealed bytes
     */
    @Override
    public byte[] sealedSecret() {
        return sealedSecret.clone();
    }

    /**
     * Tells whether the holder proved they hold the secret.
     *
     * @return true once a first valid code was entered
     */
    public boolean confirmed() {
        return confirmedAt != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TotpEnrolment t
                && t.accountId.equals(accountId)
                && Arrays.equals(t.sealedSecret, sealedSecret)
                && t.createdAt.equals(createdAt)
                && Objects.equals(t.confirmedAt, confirmedAt)
                && t.lastUsedStep == lastUsedStep
                && Objects.equals(t.lastUsedAt, lastUsedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(accountId, Arrays.hashCode(sealedSecret), createdAt, confirmedAt, lastUsedStep);
    }

    @Override
    public String toString() {
        return "TotpEnrolment[" + accountId + ", confirmed=" + confirmed() + ", lastUsedStep=" + lastUsedStep + "]";
    }
}
