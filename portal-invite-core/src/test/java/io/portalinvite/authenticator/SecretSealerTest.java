package io.portalinvite.authenticator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalinvite.common.AccountId;
import java.security.SecureRandom;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SecretSealerTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretSealer sealer = new SecretSealer(key(), RANDOM);
    private final AccountId ada = AccountId.random();
    private final byte[] secret = "12345678901234567890".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @Test
    void openWhenSealedForSameAccountThenSecretBackAndNotInClear() {
        byte[] sealed = sealer.seal(ada, secret);
        assertThat(sealer.open(ada, sealed)).isEqualTo(secret);
        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("1234567890");
        assertThat(sealer.seal(ada, secret)).isNotEqualTo(sealed);
    }

    @Test
    void openWhenOtherAccountOtherKeyOrAlteredThenRefused() {
        byte[] sealed = sealer.seal(ada, secret);
        assertThatThrownBy(() -> sealer.open(AccountId.random(), sealed)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SecretSealer(key(), RANDOM).open(ada, sealed))
                .isInstanceOf(IllegalStateException.class);
        byte[] altered = sealed.clone();
        altered[altered.length - 1] ^= 1;
        assertThatThrownBy(() -> sealer.open(ada, altered)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> sealer.open(ada, new byte[5])).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void constructorWhenNotAnAesKeyOfAllowedSizeThenRefused() {
        assertThatThrownBy(() -> new SecretSealer(new SecretKeySpec(new byte[24], "AES"), RANDOM))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SecretSealer(new SecretKeySpec(new byte[32], "HmacSHA256"), RANDOM))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static SecretKeySpec key() {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        return new SecretKeySpec(k, "AES");
    }
}
