package io.portalinvite.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalinvite.common.FieldViolation;
import io.portalinvite.common.ValidationException;
import io.portalinvite.password.PasswordCheck.PasswordRejectedException;
import io.portalinvite.password.PasswordCheck.PasswordViolation;
import io.portalinvite.password.PasswordValidator.PasswordContext;
import java.util.List;
import org.junit.jupiter.api.Test;

class PasswordRejectedExceptionTest {

    private static final PasswordValidator VALIDATOR = new PasswordValidator();

    @Test
    void constructWhenCheckFailedThenEveryFieldViolationIsOnPasswordWithCodeAsRule() {
        PasswordCheck check = VALIDATOR.check("password", PasswordPolicy.DEFAULT, PasswordContext.empty());

        PasswordRejectedException e = new PasswordRejectedException(check);

        assertThat(e).isInstanceOf(ValidationException.class);
        assertThat(e.violations()).extracting(FieldViolation::field).containsOnly("password");
        assertThat(e.violations())
                .extracting(FieldViolation::rule)
                .containsExactly(PasswordViolation.TOO_SHORT, PasswordViolation.BLOCKLISTED, PasswordViolation.CONTEXT);
        assertThat(e.hasViolationFor("password")).isTrue();
        assertThat(e.passwordViolations()).isEqualTo(check.violations());
        assertThat(e.guidance()).isEqualTo(check.guidance()).isNotBlank();
    }

    @Test
    void constructWhenCheckAcceptableThenIllegalArgument() {
        assertThatThrownBy(() -> new PasswordRejectedException(new PasswordCheck(List.of())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void requireAcceptableWhenRejectedThenThrowsWithAllViolations() {
        assertThatThrownBy(() -> VALIDATOR.requireAcceptable(
                        "Sunrise2026!",
                        PasswordPolicy.DEFAULT,
                        PasswordContext.builder().addName("Sunrise").build()))
                .isInstanceOfSatisfying(
                        PasswordRejectedException.class,
                        e -> assertThat(e.passwordViolations())
                                .extracting(PasswordViolation::code)
                                .contains(PasswordViolation.TOO_SHORT, PasswordViolation.CONTEXT));
    }

    @Test
    void requireAcceptableWhenAcceptableThenDoesNotThrow() {
        assertThatCode(() -> VALIDATOR.requireAcceptable(
                        "pebble orchid lantern voyage", PasswordPolicy.DEFAULT, PasswordContext.empty()))
                .doesNotThrowAnyException();
    }
}
