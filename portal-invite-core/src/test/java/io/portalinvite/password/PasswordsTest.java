package io.portalinvite.password;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.internal.Passwords;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordsTest {

    @Test
    void normalizeWhenDecomposedAccentThenPrecomposed() {
        assertThat(Passwords.normalize("cafe\u0301")).isEqualTo("caf\u00e9");
    }

    @Test
    void normalizeWhenFullWidthLatinThenAscii() {
        assertThat(Passwords.normalize("\uff30\uff41\uff53\uff53\uff11")).isEqualTo("Pass1");
    }

    @Test
    void normalizeWhenMixedCaseThenCaseKept() {
        assertThat(Passwords.normalize("PassWord")).isEqualTo("PassWord");
    }

    @Test
    void normalizeWhenDottedCapitalIUnderTurkishDefaultLocaleThenUnchanged() {
        // Surefire runs with a Turkish default locale; normalisation must not case-fold at all.
        assertThat(Passwords.normalize("ISTANBUL i")).isEqualTo("ISTANBUL i");
    }

    @Test
    void codePointLengthWhenSurrogatePairThenCountsOne() {
        String emoji = "\uD83D\uDE00";

        assertThat(emoji.length()).isEqualTo(2);
        assertThat(Passwords.codePointLength(emoji)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "caf\u00e9", "\u20ac100", "\uD83D\uDE00\uD83D\uDE01x", "\u65e5\u672c\u8a9e"})
    void utf8LengthWhenWellFormedThenMatchesEncoder(String text) {
        assertThat(Passwords.utf8Length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void exceedsHardCapWhenExactlyFourThousandNinetySixBytesThenFalse() {
        assertThat(Passwords.exceedsHardCap("a".repeat(4096))).isFalse();
        assertThat(Passwords.exceedsHardCap(TestPasswords.randomEmoji(1024, 1))).isFalse();
    }

    @Test
    void exceedsHardCapWhenOneByteOverThenTrue() {
        assertThat(Passwords.exceedsHardCap("a".repeat(4097))).isTrue();
        assertThat(Passwords.exceedsHardCap(TestPasswords.randomEmoji(1024, 1) + "a"))
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\uD800", "\uDC00a", "a\uD800b", "\uDE00\uD83D"})
    void hasUnpairedSurrogateWhenLoneSurrogateThenTrue(String text) {
        assertThat(Passwords.hasUnpairedSurrogate(text)).isTrue();
    }

    @Test
    void hasUnpairedSurrogateWhenProperPairThenFalse() {
        assertThat(Passwords.hasUnpairedSurrogate("ok \uD83D\uDE00 ok")).isFalse();
    }
}
