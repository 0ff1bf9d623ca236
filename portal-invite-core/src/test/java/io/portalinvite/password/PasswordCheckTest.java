package io.portalinvite.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalinvite.password.PasswordCheck.PasswordViolation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PasswordCheckTest {

    @Test
    void acceptableWhenNoViolationsThenTrue() {
        assertThat(new PasswordCheck(List.of()).acceptable()).isTrue();
    }

    @Test
    void acceptableWhenAnyViolationThenFalse() {
        assertThat(new PasswordCheck(List.of(PasswordViolation.repetitive())).acceptable())
                .isFalse();
    }

    @Test
    void violationsWhenSourceListChangedAfterwardsThenCheckUnchanged() {
        List<PasswordViolation> source = new ArrayList<>(List.of(PasswordViolation.empty()));
        PasswordCheck check = new PasswordCheck(source);
        source.add(PasswordViolation.repetitive());

        assertThat(check.violations()).hasSize(1);
        assertThatThrownBy(() -> check.violations().add(PasswordViolation.repetitive()))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void hasViolationWhenCodePresentThenTrueOtherwiseFalse() {
        PasswordCheck check = new PasswordCheck(List.of(PasswordViolation.tooShort(15)));

        assertThat(check.hasViolation(PasswordViolation.TOO_SHORT)).isTrue();
        assertThat(check.hasViolation(PasswordViolation.TOO_LONG)).isFalse();
    }

    @Test
    void guidanceWhenRejectedThenRecommendsLongPassphraseAndWarnsAgainstPersonalWords() {
        assertThat(new PasswordCheck(List.of(PasswordViolation.context())).guidance())
                .contains("passphrase")
                .contains("names")
                .contains("dates");
    }

    @Test
    void violationMessagesWhenBuiltThenStateTheConfiguredLimit() {
        assertThat(PasswordViolation.tooShort(15).message()).contains("15");
        assertThat(PasswordViolation.tooLong(64).message()).contains("64");
    }
}
