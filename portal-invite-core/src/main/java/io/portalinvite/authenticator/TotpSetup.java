package io.portalinvite.authenticator;

import java.net.URI;
import java.util.Objects;

/**
 * What the holder needs to add the portal to their authenticator app, shown once while enrolling:
 * the secret to type in, and the same as an {@code otpauth://} URI to show as a QR code.
 *
 * @param secret the shared secret in base32, as authenticator apps take it
 * @param enrolmentUri the {@code otpauth://totp/…} URI (issuer: the practice's name; account: the
 *     email address)
 */
public record TotpSetup(String secret, URI enrolmentUri) {

    /** Checks the parts. */
    public TotpSetup {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(enrolmentUri, "enrolmentUri");
    }

    @Override
    public String toString() {
        return "TotpSetup[***]";
    }
}
