package io.portalinvite.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.portalinvite.internal.Passwords;
import io.portalinvite.password.PasswordCheck.PasswordViolation;
import io.portalinvite.password.PasswordValidator.PasswordContext;
import java.text.Normalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class PasswordValidatorLengthTest {

    private static final PasswordValidator VALIDATOR = new PasswordValidator();

    private static PasswordCheck check(String password, PasswordPolicy policy) {
        return VALIDATOR.check(password, policy, PasswordContext.empty());
    }

    @Test
    void checkWhenEmptyThenOnlyEmptyViolation() {
        assertThat(check("", PasswordPolicy.DEFAULT).violations())
                .extracting(PasswordViolation::code)
                .containsExactly(PasswordViolation.EMPTY);
    }

    @Test
    void checkWhenFourteenCodePointsThenTooShort() {
        String password = "violet-Harbor9";
        assertThat(password.codePointCount(0, password.length())).isEqualTo(14);

        assertThat(check(password, PasswordPolicy.DEFAULT).violations())
                .extracting(PasswordViolation::code)
                .containsExactly(PasswordViolation.TOO_SHORT);
    }

    @Test
    void checkWhenFifteenCodePointsThenAccepted() {
        assertThat(check("violet-Harbor-9", PasswordPolicy.DEFAULT).acceptable())
                .isTrue();
    }

    @Test
    void checkWhenEmojiCompletesFifteenCodePointsThenAccepted() {
        String password = "violet-Harbor-\uD83C\uDF0A";

        assertThat(password.length()).isEqualTo(16);
        assertThat(check(password, PasswordPolicy.DEFAULT).acceptable()).isTrue();
    }

    @Test
    void checkWhenFifteenUtf16UnitsButFourteenCodePointsThenTooShort() {
        String password = "violet-Harbor\uD83C\uDF0A";

        assertThat(password.length()).isEqualTo(15);
        assertThat(check(password, PasswordPolicy.DEFAULT).hasViolation(PasswordViolation.TOO_SHORT))
                .isTrue();
    }

    @Test
    void checkWhenCombiningAccentComposesBelowMinimumThenTooShortBecauseLengthIsAfterNfkc() {
        String password = "violet-Harbo" + "e\u0301" + "9";
        assertThat(password.codePointCount(0, password.length())).isEqualTo(15);
        assertThat(Normalizer.normalize(password, Normalizer.Form.NFKC)).hasSize(14);

        assertThat(check(password, PasswordPolicy.DEFAULT).violations())
                .extracting(PasswordViolation::code)
                .containsExactly(PasswordViolation.TOO_SHORT);
    }

    @Test
    void checkWhenMinimumEightAndEightCodePointsThenAccepted() {
        assertThat(check("Qz7-vK2m", PasswordPolicy.withMinLength(8)).acceptable())
                .isTrue();
    }

    @Test
    void checkWhenMinimumEightAndSevenCodePointsThenTooShort() {
        assertThat(check("Qz7-vK2", PasswordPolicy.withMinLength(8)).violations())
                .extracting(PasswordViolation::code)
                .containsExactly(PasswordViolation.TOO_SHORT);
    }

    @Test
    void checkWhenSixtyFourCodePointsThenAccepted() {
        assertThat(check(TestPasswords.random(64, 64), PasswordPolicy.DEFAULT).acceptable())
                .isTrue();
    }

    @Test
    void checkWhenOneThousandTwentyFourCodePointsThenAccepted() {
        assertThat(check(TestPasswords.random(1024, 1024), PasswordPolicy.DEFAULT)
                        .acceptable())
                .isTrue();
    }

    @Test
    void checkWhenOneThousandTwentyFiveCodePointsThenTooLongViolationNotException() {
        String password = TestPasswords.random(1025, 1025);

        assertThatCode(() -> check(password, PasswordPolicy.DEFAULT)).doesNotThrowAnyException();
        assertThat(check(password, PasswordPolicy.DEFAULT).violations())
                .extracting(PasswordViolation::code)
                .containsExactly(PasswordViolation.TOO_LONG);
    }

    @Test
    void checkWhenMaximumSixtyFourAndSixtyFiveCodePointsThenTooLong() {
        assertThat(check(TestPasswords.random(65, 65), new PasswordPolicy(15, 64))
                        .violations())
                .extracting(PasswordViolation::code)
                .containsExactly(PasswordViolation.TOO_LONG);
    }

    @Test
    void checkWhenExactlyFourThousandNinetySixUtf8BytesThenAccepted() {
        String password = TestPasswords.randomEmoji(1024, 7);

        assertThat(Passwords.utf8Length(password)).isEqualTo(4096);
        assertThat(check(password, PasswordPolicy.DEFAULT).acceptable()).isTrue();
    }

    @Test
    @Timeout(value = 5, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void checkWhenFarOverFourThousandNinetySixUtf8BytesThenTooLongWithoutProcessingIt() {
        String password = TestPasswords.random(1_000_000, 3);

        assertThat(check(password, PasswordPolicy.DEFAULT).violations())
                .extracting(PasswordViolation::code)
                .containsExactly(PasswordViolation.TOO_LONG);
    }

    @Test
    void checkWhenRawInputOverByteCapButNormalisedWithinMaximumThenStillTooLong() {
        // 500 Hangul syllables typed as conjoining jamo: 1500 code points and 4500 UTF-8 bytes raw,
        // but only 500 code points once NFKC recomposes them. The byte cap applies regardless.
        StringBuilder precomposed = new StringBuilder();
        java.util.Random random = new java.util.Random(11);
        while (precomposed.length() < 500) {
            int syllable = 0xAC00 + random.nextInt(11172);
            if ((syllable - 0xAC00) % 28 != 0) {
                precomposed.appendCodePoint(syllable);
            }
        }
        String decomposed = Normalizer.normalize(precomposed, Normalizer.Form.NFD);
        assertThat(Passwords.utf8Length(decomposed)).isEqualTo(4500);
        assertThat(Passwords.codePointLength(Passwords.normalize(decomposed))).isEqualTo(500);

        assertThat(check(decomposed, PasswordPolicy.DEFAULT).violations())
                .extracting(PasswordViolation::code)
                .containsExactly(PasswordViolation.TOO_LONG);
        assertThat(check(precomposed.toString(), PasswordPolicy.DEFAULT).acceptable())
                .isTrue();
    }
}
