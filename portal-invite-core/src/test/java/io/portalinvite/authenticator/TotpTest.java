package io.portalinvite.authenticator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {

    private static final byte[] SEED_SHA1 = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEED_SHA256 = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEED_SHA512 =
            "1234567890123456789012345678901234567890123456789012345678901234".getBytes(StandardCharsets.US_ASCII);

    /** RFC 6238 Appendix B. */
    @ParameterizedTest
    @CsvSource({
        "59, 94287082, 46119246, 90693936",
        "1111111109, 07081804, 68084774, 25091201",
        "1111111111, 14050471, 67062674, 99943326",
        "1234567890, 89005924, 91819424, 93441116",
        "2000000000, 69279037, 90698825, 38618901",
        "20000000000, 65353130, 77737706, 47863826"
    })
    void codeWhenRfc6238TestVectorThenSameCode(long seconds, String sha1, String sha256, String sha512) {
        long step = Totp.step(Instant.ofEpochSecond(seconds));
        assertThat(new Totp(8, "HmacSHA1").code(SEED_SHA1, step)).isEqualTo(sha1);
        assertThat(new Totp(8, "HmacSHA256").code(SEED_SHA256, step)).isEqualTo(sha256);
        assertThat(new Totp(8, "HmacSHA512").code(SEED_SHA512, step)).isEqualTo(sha512);
    }

    @Test
    void matchingStepWhenCodeOfNeighbouringStepThenAcceptedWithinOneStepOnly() {
        Instant now = Instant.ofEpochSecond(1_234_567_890);
        long current = Totp.step(now);
        Totp totp = Totp.APPS;
        assertThat(totp.matchingStep(SEED_SHA1, totp.code(SEED_SHA1, current), now, -1))
                .hasValue(current);
        assertThat(totp.matchingStep(SEED_SHA1, totp.code(SEED_SHA1, current - 1), now, -1))
                .hasValue(current - 1);
        assertThat(totp.matchingStep(SEED_SHA1, totp.code(SEED_SHA1, current + 1), now, -1))
                .hasValue(current + 1);
        assertThat(totp.matchingStep(SEED_SHA1, totp.code(SEED_SHA1, current - 2), now, -1))
                .isEmpty();
        assertThat(totp.matchingStep(SEED_SHA1, totp.code(SEED_SHA1, current + 2), now, -1))
                .isEmpty();
    }

    @Test
    void matchingStepWhenStepAlreadyUsedThenRefused() {
        Instant now = Instant.ofEpochSecond(1_234_567_890);
        long current = Totp.step(now);
        String code = Totp.APPS.code(SEED_SHA1, current);
        assertThat(Totp.APPS.matchingStep(SEED_SHA1, code, now, current)).isEmpty();
        assertThat(Totp.APPS.matchingStep(SEED_SHA1, code, now.plusSeconds(30), current))
                .isEmpty();
        assertThat(Totp.APPS.matchingStep(SEED_SHA1, code, now, current - 1)).hasValue(current);
    }

    @Test
    void matchingStepWhenNotSixDigitsThenRefused() {
        Instant now = Instant.ofEpochSecond(1_234_567_890);
        String code = Totp.APPS.code(SEED_SHA1, Totp.step(now));
        assertThat(Totp.APPS.matchingStep(SEED_SHA1, code.substring(0, 3) + " " + code.substring(3), now, -1))
                .isPresent();
        assertThat(Totp.APPS.matchingStep(SEED_SHA1, code + "0", now, -1)).isEmpty();
        assertThat(Totp.APPS.matchingStep(SEED_SHA1, "12345a", now, -1)).isEmpty();
        assertThat(Totp.APPS.matchingStep(SEED_SHA1, "", now, -1)).isEmpty();
        assertThat(Totp.APPS.matchingStep(SEED_SHA1, "１２３４５６", now, -1)).isEmpty();
    }

    @Test
    void enrolmentUriWhenPracticeAndEmailThenKeyUriFormat() {
        URI uri = Totp.APPS.enrolmentUri("Harbour St: Clinic", "ada@example.org", SEED_SHA1);
        assertThat(uri.toString())
                .isEqualTo("otpauth://totp/Harbour%20St%20Clinic:ada%40example.org"
                        + "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Harbour%20St%3A%20Clinic"
                        + "&algorithm=SHA1&digits=6&period=30");
    }
}
