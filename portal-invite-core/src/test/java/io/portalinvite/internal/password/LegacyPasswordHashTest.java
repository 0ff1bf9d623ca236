package io.portalinvite.internal.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalinvite.internal.password.LegacyPasswordHash.Format;
import io.portalinvite.internal.password.LegacyPasswordHash.UnsupportedPasswordHashException;
import io.portalinvite.testing.LegacyHashes;
import io.portalinvite.testing.LegacyHashes.Kind;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;

/**
 * Parsing and verifying hashes from other systems: every form is read and checked against the right
 * password only, Spring Security's parameterless {@code {pbkdf2}} forms use the parameters their ids
 * imply, passwords that differ only under NFKC match a hash of either form, bcrypt reads 72 bytes as
 * it always did, and refusals name the field and rule without echoing the hash.
 */
class LegacyPasswordHashTest {

    private static final String PASSWORD = "violet kayak drifts over quiet granite";
    private final LegacyPasswordVerifier verifier = new LegacyPasswordVerifier();

    @Test
    void verifyWhenEveryFormThenRightPasswordMatchesAndWrongOneDoesNot() {
        Set<Format> formats = EnumSet.noneOf(Format.class);
        for (Kind kind : Kind.values()) {
            LegacyPasswordHash hash = LegacyPasswordHash.parse("passwordHash", LegacyHashes.hash(kind, PASSWORD, true));
            formats.add(hash.format());
            assertThat(verifier.verify(hash, PASSWORD)).as("%s", kind).isTrue();
            assertThat(verifier.verify(hash, PASSWORD + " ")).as("%s", kind).isFalse();
            assertThat(verifier.verify(hash, "")).as("%s", kind).isFalse();
        }
        assertThat(formats).containsAll(EnumSet.complementOf(EnumSet.of(Format.PBKDF2_SHA1, Format.ARGON2D)));
    }

    @Test
    void verifyWhenSpringSecurityDefaultPbkdf2FormsThenIdDecidesParameters() {
        LegacyPasswordHash v55 = LegacyPasswordHash.parse("passwordHash", LegacyHashes.springPbkdf2(PASSWORD, false));
        LegacyPasswordHash v58 = LegacyPasswordHash.parse("passwordHash", LegacyHashes.springPbkdf2(PASSWORD, true));

        assertThat(v55.format()).isEqualTo(Format.PBKDF2_SHA1);
        assertThat(v55.iterations()).isEqualTo(185_000);
        assertThat(v58.format()).isEqualTo(Format.PBKDF2_SHA256);
        assertThat(v58.iterations()).isEqualTo(310_000);
        assertThat(verifier.verify(v55, PASSWORD)).isTrue();
        assertThat(verifier.verify(v58, PASSWORD)).isTrue();
        assertThat(verifier.verify(v58, "violet kayak drifts over quiet granitE"))
                .isFalse();
        // a v5.8 string under the plain id has the wrong length for the v5.5 layout
        String v58Hex = LegacyHashes.springPbkdf2(PASSWORD, true).substring("{pbkdf2@SpringSecurity_v5_8}".length());
        assertThatThrownBy(() -> LegacyPasswordHash.parse("passwordHash", "{pbkdf2}" + v58Hex))
                .isInstanceOf(UnsupportedPasswordHashException.class)
                .hasMessageContaining("password_hash.malformed");
    }

    @Test
    void verifyWhenOtherSystemHashedRawBytesOrNfkcThenTypedPasswordMatchesEither() {
        String nfd = "cafe\u0301 cre\u0300me bru\u0302le\u0301e";
        String fullWidth = "\uFF30\uFF41\uFF53\uFF53 \uFB01ve\u00A0rivers";
        for (String password : new String[] {nfd, fullWidth}) {
            for (boolean nfkc : new boolean[] {true, false}) {
                LegacyPasswordHash hash = LegacyPasswordHash.parse(
                        "passwordHash", LegacyHashes.hash(Kind.ARGON2ID_RAW_BYTES, password, nfkc));
                assertThat(verifier.verify(hash, password)).as("nfkc=%s", nfkc).isTrue();
            }
        }
        // the raw-bytes hash of the NFD form is not matched by its NFKC form alone: the second try is needed
        LegacyPasswordHash raw = LegacyPasswordHash.parse("passwordHash", LegacyHashes.hash(Kind.SCRYPT, nfd, false));
        assertThat(verifier.matches(
                        raw,
                        java.text.Normalizer.normalize(nfd, java.text.Normalizer.Form.NFKC)
                                .getBytes(StandardCharsets.UTF_8)))
                .isFalse();
        assertThat(verifier.verify(raw, nfd)).isTrue();
    }

    @Test
    void verifyWhenBcryptPasswordLongerThan72BytesThenFirst72BytesDecideAsInEveryBcrypt() {
        String long80 = "a".repeat(80);
        byte[] first72 = "a".repeat(72).getBytes(StandardCharsets.UTF_8);
        String hash = OpenBSDBCrypt.generate("2a", first72, new byte[16], 4);
        LegacyPasswordHash parsed = LegacyPasswordHash.parse("passwordHash", hash);

        assertThat(verifier.verify(parsed, long80)).isTrue();
        assertThat(verifier.verify(parsed, "a".repeat(71))).isFalse();
    }

    @Test
    void parseWhenRefusedThenFieldAndRuleNamedAndHashNeverEchoed() {
        String secretLooking = "{noop}correct horse battery staple";
        assertThatThrownBy(() -> LegacyPasswordHash.parse("rows[3].passwordHash", secretLooking))
                .isInstanceOf(UnsupportedPasswordHashException.class)
                .satisfies(e -> {
                    UnsupportedPasswordHashException u = (UnsupportedPasswordHashException) e;
                    assertThat(u.violations().get(0).field()).isEqualTo("rows[3].passwordHash");
                    assertThat(u.violations().get(0).rule()).isEqualTo("password_hash.plain_text_refused");
                    assertThat(u.getMessage()).doesNotContain("correct horse");
                });
        for (String other :
                new String[] {"{MD4}abc", "{ldap}{SSHA}abc", "{SHA-1}abc", "plain", "$1$salt$hash", "$5$rounds=5000$a$b"
                }) {
            assertThatThrownBy(() -> LegacyPasswordHash.parse("passwordHash", other))
                    .as(other)
                    .isInstanceOf(UnsupportedPasswordHashException.class)
                    .hasMessageContaining("password_hash.unsupported_format");
        }
        LegacyPasswordHash ok =
                LegacyPasswordHash.parse("passwordHash", LegacyHashes.hash(Kind.BCRYPT_2A, PASSWORD, true));
        assertThat(ok.toString()).isEqualTo("LegacyPasswordHash[bcrypt]");
    }

    @Test
    void parseWhenStoredFormThenRoundTripsAndOwnHashesAreNotLegacy() {
        String spring = LegacyHashes.hash(Kind.SPRING_SCRYPT, PASSWORD, true);
        LegacyPasswordHash parsed = LegacyPasswordHash.parse("passwordHash", spring);

        assertThat(parsed.stored()).isEqualTo(LegacyPasswordHash.STORED_PREFIX + spring);
        assertThat(LegacyPasswordHash.fromStored(parsed.stored()))
                .map(LegacyPasswordHash::format)
                .contains(Format.SCRYPT);
        assertThat(LegacyPasswordHash.fromStored(spring)).isEmpty();
        assertThat(LegacyPasswordHash.isStored("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaA"))
                .isFalse();
    }
}
