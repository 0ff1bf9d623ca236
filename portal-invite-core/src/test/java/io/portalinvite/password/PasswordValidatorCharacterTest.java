package io.portalinvite.password;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.password.PasswordCheck.PasswordViolation;
import io.portalinvite.password.PasswordValidator.PasswordContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordValidatorCharacterTest {

    private static final PasswordValidator VALIDATOR = new PasswordValidator();

    private static PasswordCheck check(String password) {
        return VALIDATOR.check(password, PasswordPolicy.DEFAULT, PasswordContext.empty());
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(ints = {0x0000, 0x0009, 0x000A, 0x000D, 0x001B, 0x007F, 0x0085, 0x009F})
    void checkWhenControlCharacterThenControlCharactersViolation(int codePoint) {
        String password = "violet-Harbor-" + Character.toString(codePoint) + "orbit";

        assertThat(check(password).violations())
                .extracting(PasswordViolation::code)
                .containsExactly(PasswordViolation.CONTROL_CHARACTERS);
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(ints = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069})
    void checkWhenBidiOverrideOrIsolateThenControlCharactersViolation(int codePoint) {
        String password = "violet-Harbor-" + Character.toString(codePoint) + "orbit";

        assertThat(check(password).violations())
                .extracting(PasswordViolation::code)
                .containsExactly(PasswordViolation.CONTROL_CHARACTERS);
    }

    @Test
    void checkWhenCarriageReturnLineFeedThenControlCharactersViolation() {
        assertThat(check("violet-Harbor\r\norbit").hasViolation(PasswordViolation.CONTROL_CHARACTERS))
                .isTrue();
    }

    @Test
    void checkWhenLoneSurrogateThenControlCharactersViolation() {
        assertThat(check("violet-Harbor-\uD800orbit").violations())
                .extracting(PasswordViolation::code)
                .containsExactly(PasswordViolation.CONTROL_CHARACTERS);
    }

    @Test
    void checkWhenPlainSpacesThenAccepted() {
        assertThat(check("  violet harbor orbit  ").acceptable()).isTrue();
    }

    @Test
    void checkWhenNonBreakingSpaceThenAcceptedBecauseNfkcTurnsItIntoSpace() {
        assertThat(check("violet\u00a0harbor\u00a0orbit").acceptable()).isTrue();
    }

    @Test
    void checkWhenEmojiZeroWidthJoinerSequenceThenAccepted() {
        assertThat(check("violet harbor \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67")
                        .acceptable())
                .isTrue();
    }

    @Test
    void checkWhenNonLatinPassphraseThenAccepted() {
        assertThat(check("\u03ba\u03b1\u03bb\u03b7\u03bc\u03ad\u03c1\u03b1 \u03b8\u03ac\u03bb\u03b1"
                                + "\u03c3\u03c3\u03b1 \u03b2\u03bf\u03c5\u03bd\u03cc")
                        .acceptable())
                .isTrue();
    }
}
