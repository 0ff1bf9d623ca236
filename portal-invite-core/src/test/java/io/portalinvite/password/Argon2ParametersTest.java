package io.portalinvite.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalinvite.common.FieldViolation;
import io.portalinvite.common.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Argon2ParametersTest {

    @Test
    void owaspMinimumWhenUsedThenNineteenMebibytesTwoIterationsOneLane() {
        assertThat(Argon2Parameters.OWASP_MINIMUM).isEqualTo(new Argon2Parameters(19456, 2, 1));
    }

    @ParameterizedTest
    @CsvSource({
        "1023, 2, 1, argon2Parameters.memoryKiB",
        "2097153, 2, 1, argon2Parameters.memoryKiB",
        "19456, 0, 1, argon2Parameters.iterations",
        "19456, 33, 1, argon2Parameters.iterations",
        "19456, 2, 0, argon2Parameters.parallelism",
        "19456, 2, 17, argon2Parameters.parallelism"
    })
    void constructWhenOutOfBoundsThenValidationExceptionNamesField(
            int memory, int iterations, int parallelism, String field) {
        assertThatThrownBy(() -> new Argon2Parameters(memory, iterations, parallelism))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(FieldViolation::field)
                                .containsExactly(field));
    }

    @Test
    void constructWhenAtEveryBoundThenAccepted() {
        assertThat(new Argon2Parameters(1024, 1, 1).memoryKiB()).isEqualTo(1024);
        assertThat(new Argon2Parameters(2 * 1024 * 1024, 32, 16).parallelism()).isEqualTo(16);
    }

    @Test
    void constructWhenEverythingWrongThenAllThreeFieldsReported() {
        assertThatThrownBy(() -> new Argon2Parameters(0, 0, 0))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations()).hasSize(3));
    }

    @ParameterizedTest
    @CsvSource({"7168, 5, 1", "19456, 1, 1", "19456, 2, 1"})
    void isWeakerThanWhenAnyDimensionLowerThenTrue(int memory, int iterations, int parallelism) {
        Argon2Parameters required = new Argon2Parameters(19456, 2, 2);

        assertThat(new Argon2Parameters(memory, iterations, parallelism).isWeakerThan(required))
                .isTrue();
    }

    @ParameterizedTest
    @CsvSource({"19456, 2, 1", "65536, 2, 1", "19456, 3, 1", "19456, 2, 4"})
    void isWeakerThanWhenEveryDimensionAtLeastRequiredThenFalse(int memory, int iterations, int parallelism) {
        assertThat(new Argon2Parameters(memory, iterations, parallelism).isWeakerThan(Argon2Parameters.OWASP_MINIMUM))
                .isFalse();
    }
}
