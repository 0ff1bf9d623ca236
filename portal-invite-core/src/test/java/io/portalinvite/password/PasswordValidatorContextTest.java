package io.portalinvite.password;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.password.PasswordCheck.PasswordViolation;
import io.portalinvite.password.PasswordValidator.PasswordContext;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordValidatorContextTest {

    private static final PasswordValidator VALIDATOR = new PasswordValidator();

    private static final PasswordContext CONTEXT = PasswordContext.builder()
            .addName("Sunrise Family Clinic")
            .addName("Jane Doe-Smith")
            .addEmail("jane.doe85@example-mail.com")
            .addDateOfBirth(LocalDate.of(1985, 2, 14))
            .build();

    private static PasswordCheck check(String password) {
        return VALIDATOR.check(password, PasswordPolicy.DEFAULT, CONTEXT);
    }

    @Test
    void checkWhenPracticeNameWithYearAndPunctuationThenContext() {
        assertThat(check("Sunrisefamilyclinic2026!!!!!!").violations())
                .extracting(PasswordViolation::code)
                .containsExactly(PasswordViolation.CONTEXT);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"Sunrise Family Clinic", "SunriseClinic2026!!!", "FAMILY-CLINIC-2026", "ClinicSunrise#2026!"})
    void checkWhenPracticeNameOrTwoOfItsWordsThenContext(String password) {
        assertThat(check(password).hasViolation(PasswordViolation.CONTEXT)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Jane Doe-Smith 1985!!", "JaneSmith2026!!!!!", "Doe-Smith!!!!!!!!", "smith.jane.1234567"})
    void checkWhenPatientNameThenContext(String password) {
        assertThat(check(password).hasViolation(PasswordViolation.CONTEXT)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"Jane.Doe85!!!!!!!!", "janedoe85-2026-!!!!", "jane.doe85@example-mail.com", "Example-Mail2026!!!"
            })
    void checkWhenEmailAddressLocalPartOrDomainThenContext(String password) {
        assertThat(check(password).hasViolation(PasswordViolation.CONTEXT)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "19850214!!!!!!!!",
                "14021985########",
                "02141985????????",
                "14/02/1985 ~~~~~~",
                "1985-02-14 ......",
                "850214!!!!!!!!!!",
                "Born-14.02.1985!",
                "Jane 14/02/1985!!"
            })
    void checkWhenDateOfBirthVariantThenContext(String password) {
        assertThat(check(password).hasViolation(PasswordViolation.CONTEXT)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PatientPortal2026!!", "MyChart-Password!", "Portal Login 2026!!"})
    void checkWhenProductWordsWithEmptyContextThenContext(String password) {
        assertThat(VALIDATOR
                        .check(password, PasswordPolicy.DEFAULT, PasswordContext.empty())
                        .hasViolation(PasswordViolation.CONTEXT))
                .isTrue();
    }

    @Test
    void checkWhenContextNameUpperCaseUnderTurkishLocaleThenStillContext() {
        PasswordContext iris = PasswordContext.builder().addName("IRIS KILIC").build();

        assertThat(VALIDATOR
                        .check("iris-kilic-2026!!", PasswordPolicy.DEFAULT, iris)
                        .hasViolation(PasswordViolation.CONTEXT))
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pebble orchid lantern voyage", "violet-Harbor-9", "a family trip to the seaside"})
    void checkWhenUnrelatedPassphraseThenAcceptedDespiteContext(String password) {
        assertThat(check(password).violations()).isEmpty();
    }

    @Test
    void checkWhenShortAndContextDerivedThenBothReported() {
        assertThat(check("Doe-Smith!").violations())
                .extracting(PasswordViolation::code)
                .containsExactly(PasswordViolation.TOO_SHORT, PasswordViolation.CONTEXT);
    }
}
