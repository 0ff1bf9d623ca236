package io.portalinvite.authenticator;

import io.portalinvite.common.AccountId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals TOTP secrets at rest with the host's AES key (AES-GCM from the JDK): a random 96-bit nonce
 * per secret, and the account id as associated data, so a sealed secret copied onto another
 * account's row does not open. Layout: one version byte, the nonce, then ciphertext and tag.
 */
final class SecretSealer {

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random;

    /**
     * Creates a sealer.
     *
     * @param key an AES key of 128 or 256 bits
     * @param random the nonce source
     */
    SecretSealer(SecretKey key, SecureRandom random) {
        this.key = Objects.requireNonNull(key, "key");
        this.random = Objects.requireNonNull(random, "random");
        byte[] encoded = key.getEncoded();
        if (!"AES".equalsIgnoreCase(key.getAlgorithm())
                || encoded == null
                || (encoded.length != 16 && encoded.length != 32)) {
            throw new IllegalArgumentException("the authenticator key must be an AES key of 128 or 256 bits");
        }
    }

    byte[] seal(AccountId account, byte[] secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(account));
            byte[] sealed = cipher.doFinal(secret);
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
                    .put(VERSION)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required of every Java platform", e);
        }
    }

    /**
     * Opens a sealed secret.
     *
     * @param account the account it belongs to
     * @param sealed the sealed bytes
     * @return the secret
     * @throws IllegalStateException when it was sealed with another key, for another account, or
     *     altered
     */
    byte[] open(AccountId account, byte[] sealed) {
        if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw new IllegalStateException("not a sealed TOTP secret");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    key,
                    new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(sealed, 1, 1 + NONCE_BYTES)));
            cipher.updateAAD(aad(account));
            return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "the TOTP secret of account " + account + " does not open with the configured authenticator key",
                    e);
        }
    }

    private static byte[] aad(AccountId account) {
        return ("portal-invite totp|" + account.value()).getBytes(StandardCharsets.US_ASCII);
    }
}
