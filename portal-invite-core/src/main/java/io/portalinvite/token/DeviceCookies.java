package io.portalinvite.token;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks device cookies (OWASP, "Slow Down Online Guessing Attacks with Device
 * Cookies"): after a successful sign-in the browser gets a value that names the account, a random
 * nonce and the time of issue, signed with HMAC-SHA-256 under the host's {@link TokenKey} (with a
 * prefix of its own, {@code portal-invite/device-cookie/v1|}, so no link token can be mistaken for
 * one). A sign-in that presents a valid cookie for the account it tries is from a device that
 * signed in before, and is throttled on that device's own budget instead of the account's.
 *
 * <p>Format: {@code v1.<account uuid>.<nonce>.<issued epoch seconds>.<base64url tag>} — only
 * characters allowed in a cookie value. Checking compares the tag in constant time and refuses
 * values older than the lifetime. Thread-safe.
 */
public final class DeviceCookies {

    private static final String PREFIX = "portal-invite/device-cookie/v1|";
    private static final Pattern FORMAT =
            Pattern.compile("v1\\.([0-9a-f-]{36})\\.([A-Za-z0-9_-]{22})\\.([0-9]{1,12})\\.([A-Za-z0-9_-]{43})");

    private final TokenKey key;
    private final SecureRandom random;
    private final Clock clock;
    private final Duration lifetime;

    /**
     * Creates the issuer.
     *
     * @param key the host's secret key, the same on every node
     * @param random the source of nonces
     * @param clock the clock
     * @param lifetime how long a cookie stays valid after it was issued
     */
    public DeviceCookies(TokenKey key, SecureRandom random, Clock clock, Duration lifetime) {
        this.key = Objects.requireNonNull(key, "key");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("lifetime must be positive");
        }
    }

    /**
     * Returns how long a cookie stays valid, for the cookie's {@code Max-Age}.
     *
     * @return the lifetime
     */
    public Duration lifetime() {
        return lifetime;
    }

    /**
     * Issues a new cookie value for an account that just signed in.
     *
     * @param accountId the account's id
     * @return the cookie value; do not log it
     */
    public String issue(UUID accountId) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String body = accountId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(nonce) + "."
                + clock.instant().getEpochSecond();
        return "v1." + body + "." + tag(body);
    }

    /**
     * Checks a presented cookie value for the account a sign-in is for.
     *
     * @param value the cookie value as presented, or null when there was none
     * @param accountId the account the sign-in is for
     * @return the cookie's device id (its nonce) when the value is well formed, correctly signed,
     *     for this account and not older than the lifetime; empty otherwise
     */
    public Optional<String> verify(@org.jspecify.annotations.Nullable String value, UUID accountId) {
        if (value == null || value.length() > 160) {
            return Optional.empty();
        }
        var m = FORMAT.matcher(value);
        if (!m.matches()) {
            return Optional.empty();
        }
        String body = m.group(1) + "." + m.group(2) + "." + m.group(3);
        boolean signed = MessageDigest.isEqual(
                tag(body).getBytes(StandardCharsets.US_ASCII), m.group(4).getBytes(StandardCharsets.US_ASCII));
        if (!signed || !m.group(1).equals(accountId.toString())) {
            return Optional.empty();
        }
        Instant issued = Instant.ofEpochSecond(Long.parseLong(m.group(3)));
        Instant now = clock.instant();
        if (issued.isAfter(now.plusSeconds(60)) || !issued.plus(lifetime).isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(m.group(2));
    }

    private String tag(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.bytes(), "HmacSHA256"));
            byte[] tag = mac.doFinal((PREFIX + body).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "DeviceCookies[lifetime=" + lifetime + "]";
    }
}
