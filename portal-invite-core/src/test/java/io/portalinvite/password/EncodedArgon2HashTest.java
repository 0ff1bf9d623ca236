package io.portalinvite.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EncodedArgon2HashTest {

    private static final String SALT = b64(16);
    private static final String TAG = b64(32);

    private static String b64(int bytes) {
        return Base64.getEncoder().withoutPadding().encodeToString(new byte[bytes]);
    }

    @Test
    void parseWhenWellFormedArgon2idThenAllPartsRead() {
        assertThat(EncodedArgon2Hash.parse("$argon2id$v=19$m=19456,t=2,p=1$" + SALT + "$" + TAG))
                .contains(new EncodedArgon2Hash("argon2id", 19, new Argon2Parameters(19456, 2, 1), 16, 32));
    }

    @Test
    void parseWhenArgon2iThenParsedButNotCurrentArgon2id() {
        EncodedArgon2Hash hash = EncodedArgon2Hash.parse("$argon2i$v=19$m=19456,t=2,p=1$" + SALT + "$" + TAG)
                .orElseThrow();

        assertThat(hash.algorithm()).isEqualTo("argon2i");
        assertThat(hash.isArgon2idVersion13()).isFalse();
    }

    @Test
    void parseWhenOlderArgon2VersionThenNotCurrentArgon2id() {
        assertThat(EncodedArgon2Hash.parse("$argon2id$v=16$m=19456,t=2,p=1$" + SALT + "$" + TAG)
                        .orElseThrow()
                        .isArgon2idVersion13())
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "garbage",
                "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
                "$argon2id$v=19$m=19456,t=2,p=1$",
                "$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$",
                "$argon2id$v=19$m=19456,t=2$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "$argon2id$v=19$m=19456,t=2,p=1$AAAA-AAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "$argon2id$v=19$m=19456,t=2,p=1$AAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "$argon2id$v=19$m=4294967295,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "$argon2id$v=19$m=99999999999,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "$argon2id$v=19$m=19456,t=1000,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                " $argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n",
                "$scrypt$ln=16,r=8,p=1$aM15713r3Xsvxbi31lqr1Q$nFNh2CVHVjNldFVKDHDlm4CbdRSCdEBsjjJxD+iCs5E"
            })
    void parseWhenMalformedOrOutOfBoundsThenEmpty(String encoded) {
        assertThat(EncodedArgon2Hash.parse(encoded)).isEmpty();
    }

    @Test
    void parseWhenAbsurdlyLongThenEmptyWithoutScanning() {
        String huge = "$argon2id$v=19$m=19456,t=2,p=1$" + SALT + "$" + "A".repeat(100_000);

        assertThat(EncodedArgon2Hash.parse(huge)).isEmpty();
    }
}
