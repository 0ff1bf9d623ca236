package io.portalinvite.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalinvite.common.FieldViolation;
import io.portalinvite.common.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

    @Test
    void defaultWhenUsedThenSingleFactorFifteenToOneThousandTwentyFour() {
        assertThat(PasswordPolicy.DEFAULT.minLength()).isEqualTo(15);
        assertThat(PasswordPolicy.DEFAULT.maxLength()).isEqualTo(1024);
        assertThat(PasswordPolicy.MAX_UTF8_BYTES).isEqualTo(4096);
    }

    @Test
    void withMinLengthWhenEightThenKeepsDefaultMaximum() {
        PasswordPolicy policy = PasswordPolicy.withMinLength(8);

        assertThat(policy).isEqualTo(new PasswordPolicy(8, 1024));
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 15, 64})
    void constructWhenMinLengthWithinEightToSixtyFourThenAccepted(int minLength) {
        assertThat(PasswordPolicy.withMinLength(minLength).minLength()).isEqualTo(minLength);
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 100, 1024})
    void constructWhenMaxLengthWithinSixtyFourToOneThousandTwentyFourThenAccepted(int maxLength) {
        assertThat(new PasswordPolicy(15, maxLength).maxLength()).isEqualTo(maxLength);
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, 0, 7, 65, 1024})
    void constructWhenMinLengthOutOfRangeThenValidationExceptionNamesMinLength(int minLength) {
        assertThatThrownBy(() -> PasswordPolicy.withMinLength(minLength))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.violations()).singleElement().satisfies(v -> {
                        assertThat(v.field()).isEqualTo("passwordPolicy.minLength");
                        assertThat(v.rule()).isEqualTo("password_policy.min_length_out_of_range");
                        assertThat(v.message()).contains("8").contains("64").contains(Integer.toString(minLength));
                    });
                });
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 15, 63, 1025, Integer.MAX_VALUE})
    void constructWhenMaxLengthOutOfRangeThenValidationExceptionNamesMaxLength(int maxLength) {
        assertThatThrownBy(() -> new PasswordPolicy(15, maxLength))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.violations())
                            .extracting(FieldViolation::field)
                            .containsExactly("passwordPolicy.maxLength");
                    assertThat(e.violations())
                            .extracting(FieldViolation::rule)
                            .containsExactly("password_policy.max_length_out_of_range");
                });
    }

    @Test
    void constructWhenBothLimitsInvalidThenBothFieldsReported() {
        assertThatThrownBy(() -> new PasswordPolicy(7, 63)).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.hasViolationFor("passwordPolicy.minLength")).isTrue();
            assertThat(e.hasViolationFor("passwordPolicy.maxLength")).isTrue();
            assertThat(e.violations()).hasSize(2);
        });
    }
}
