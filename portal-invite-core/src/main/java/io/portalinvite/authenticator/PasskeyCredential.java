package io.portalinvite.authenticator;

import io.portalinvite.common.AccountId;
import io.portalinvite.common.TextRules;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A passkey (WebAuthn public-key credential) registered to an account, as stored after the
 * registration ceremony was verified: what a later sign-in needs to check an assertion, and what the
 * holder sees on their account page.
 *
 * @param credentialId the credential id, base64url without padding (at most 1364 characters: 1023
 *     bytes, WebAuthn's limit)
 * @param accountId the account it signs in to
 * @param publicKeyCose the credential's public key, COSE-encoded as the authenticator gave it
 * @param signatureCount the authenticator's signature counter at the last accepted use (0 for
 *     authenticators that keep none); it only ever increases
 * @param transports how the browser may reach the authenticator ({@code internal}, {@code usb},
 *     {@code hybrid}…), as reported at registration
 * @param userHandle the WebAuthn user handle given to the authenticator for this account, base64url
 * @param label the holder's name for it ("Phone", "Work laptop"), 1 to 64 characters
 * @param createdAt when it was registered
 * @param lastUsedAt when it last signed in, or null when never
 */
public record PasskeyCredential(
        String credentialId,
        AccountId accountId,
        byte[] publicKeyCose,
        long signatureCount,
        List<String> transports,
        String userHandle,
        String label,
        Instant createdAt,
        @Nullable Instant lastUsedAt) {

    /** The longest credential id, in base64url characters (1023 bytes). */
    public static final int MAX_CREDENTIAL_ID_LENGTH = 1364;
    /** The longest label, in characters. */
    public static final int MAX_LABEL_LENGTH = 64;
    /** The largest COSE public key accepted, in bytes. */
    public static final int MAX_PUBLIC_KEY_BYTES = 2048;

    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern TRANSPORT = Pattern.compile("[a-z0-9-]{1,32}");

    /** Checks every part; a credential that breaks a rule is never stored. */
    public PasskeyCredential {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(createdAt, "createdAt");
        if (!isCredentialId(credentialId)) {
            throw new IllegalArgumentException(
                    "credentialId must be 1 to " + MAX_CREDENTIAL_ID_LENGTH + " base64url characters");
        }
        if (userHandle.length() > 86 || !BASE64URL.matcher(userHandle).matches()) {
            throw new IllegalArgumentException("userHandle must be 1 to 64 bytes in base64url");
        }
        if (publicKeyCose.length == 0 || publicKeyCose.length > MAX_PUBLIC_KEY_BYTES) {
            throw new IllegalArgumentException("publicKeyCose must have 1 to " + MAX_PUBLIC_KEY_BYTES + " bytes");
        }
        if (signatureCount < 0 || signatureCount > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("signatureCount must be an unsigned 32-bit number");
        }
        transports = List.copyOf(transports);
        if (transports.size() > 8
                || !transports.stream().allMatch(t -> TRANSPORT.matcher(t).matches())) {
            throw new IllegalArgumentException("transports must be at most 8 lower-case tokens");
        }
        label = checkedLabel(label);
        publicKeyCose = publicKeyCose.clone();
    }

    /**
     * Tells whether a value can be a credential id: 1 to {@value #MAX_CREDENTIAL_ID_LENGTH} base64url
     * characters. Anything else names no passkey, so it need not reach a store.
     *
     * @param value the value
     * @return true when it has the form of a credential id
     */
    static boolean isCredentialId(String value) {
        return value.length() <= MAX_CREDENTIAL_ID_LENGTH
                && BASE64URL.matcher(value).matches();
    }

    /**
     * Checks a label: 1 to {@value #MAX_LABEL_LENGTH} characters after trimming, no control or
     * invisible formatting characters.
     *
     * @param label the label
     * @return the trimmed label
     * @throws io.portalinvite.common.ValidationException naming {@code passkey.label} and the rule
     */
    static String checkedLabel(@Nullable String label) {
        String trimmed = TextRules.requireText("passkey.label", label);
        TextRules.requireMaxLength("passkey.label", trimmed, MAX_LABEL_LENGTH);
        return trimmed;
    }

    /**
     * Returns a copy of the COSE public key.
     *
     * @return the key bytes
     */
    @Override
    public byte[] publicKeyCose() {
        return publicKeyCose.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PasskeyCredential p
                && p.credentialId.equals(credentialId)
                && p.accountId.equals(accountId)
                && Arrays.equals(p.publicKeyCose, publicKeyCose)
                && p.signatureCount == signatureCount
                && p.transports.equals(transports)
                && p.userHandle.equals(userHandle)
                && p.label.equals(label)
                && p.createdAt.equals(createdAt)
                && Objects.equals(p.lastUsedAt, lastUsedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(credentialId, accountId, signatureCount, label);
    }

    @Override
    public String toString() {
        return "PasskeyCredential[" + accountId + ", label=" + label + ", signatureCount=" + signatureCount + "]";
    }
}
