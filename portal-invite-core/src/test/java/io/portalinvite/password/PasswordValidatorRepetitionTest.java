package io.portalinvite.password;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.password.PasswordCheck.PasswordViolation;
import io.portalinvite.password.PasswordValidator.PasswordContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordValidatorRepetitionTest {

    private static final PasswordValidator VALIDATOR = new PasswordValidator();

    private static PasswordCheck check(String password) {
        return VALIDATOR.check(password, PasswordPolicy.DEFAULT, PasswordContext.empty());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "qqqqqqqqqqqqqqqqqqqq",
                "QqQqQqQqQqQqQqQqQqQq",
                "xyxyxyxyxyxyxyxyxy",
                "               ",
                "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00"
                        + "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00"
                        + "\uD83D\uDE00\uD83D\uDE00"
            })
    void checkWhenFewerThanFourDistinctCodePointsThenRepetitive(String password) {
        assertThat(check(password).hasViolation(PasswordViolation.REPETITIVE)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "123456789012345",
                "543210987654321",
                "abcdefghijklmno",
                "ONMLKJIHGFEDCBA",
                "uvwxyzabcdefghij",
                "\uff41\uff42\uff43\uff44\uff45\uff46\uff47\uff48" + "\uff49\uff4a\uff4b\uff4c\uff4d\uff4e\uff4f"
            })
    void checkWhenAscendingOrDescendingSequenceThenRepetitive(String password) {
        assertThat(check(password).hasViolation(PasswordViolation.REPETITIVE)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abcdabcdabcdabcd", "k9f!k9f!k9f!k9f!", "tulip7tulip7tulip7", "xyz-xyz-xyz-xyz-xyz"})
    void checkWhenOneUnitRepeatedAtLeastThreeTimesThenRepetitive(String password) {
        assertThat(check(password).hasViolation(PasswordViolation.REPETITIVE)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234567890123456!", "!!abcdefghijklmnop!!", "kkkkkkkkkkkkkkkk?!"})
    void checkWhenRepetitiveCoreWithLowVarietyDecorationThenRepetitive(String password) {
        assertThat(check(password).hasViolation(PasswordViolation.REPETITIVE)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abcdefgh-Quokka-42", "13579 orchid lantern", "violet-Harbor-9", "tulip7tulip7-Zebra"})
    void checkWhenSequenceOrRepeatIsOnlyPartOfPasswordThenNotRepetitive(String password) {
        assertThat(check(password).hasViolation(PasswordViolation.REPETITIVE)).isFalse();
    }
}
