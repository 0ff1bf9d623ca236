package io.portalinvite.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalinvite.common.FieldViolation;
import io.portalinvite.common.ValidationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Fail-fast construction and configuration checks, with the native call site replaced. */
class Argon2idPasswordHasherStartupTest {

    private final FakeArgon2Backend fake = new FakeArgon2Backend();

    private Argon2idPasswordHasher build() {
        return Argon2idPasswordHasher.builder().backend(fake).build();
    }

    @Test
    void buildWhenNativeCallFailsThenIllegalStateNamingArgon2JvmAndPlatform() {
        IllegalStateException nativeError = new IllegalStateException("Memory allocation error (-22)");
        fake.failure = nativeError;

        assertThatThrownBy(this::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("argon2-jvm's native library")
                .hasMessageContaining(System.getProperty("os.name"))
                .hasMessageContaining(System.getProperty("os.arch"))
                .hasCause(nativeError);
    }

    @Test
    void buildWhenBackendThrowsLinkageErrorThenIllegalStateNotError() {
        Argon2Backend unloadable = new Argon2Backend() {
            @Override
            public String hash(Argon2Parameters parameters, char[] password) {
                throw new UnsatisfiedLinkError("Unable to load library 'argon2'");
            }

            @Override
            public boolean verify(String encodedHash, char[] password) {
                throw new UnsatisfiedLinkError("Unable to load library 'argon2'");
            }
        };

        assertThatThrownBy(() ->
                        Argon2idPasswordHasher.builder().backend(unloadable).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("argon2-jvm's native library")
                .hasCauseInstanceOf(UnsatisfiedLinkError.class);
    }

    @Test
    void buildWhenBackendProducesArgon2iThenIllegalStateBecauseSelfTestFails() {
        fake.algorithmOverride = "argon2i";

        assertThatThrownBy(this::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("argon2-jvm's native library")
                .hasMessageContaining("self-test")
                .hasMessageContaining("argon2i");
    }

    @Test
    void buildWhenBackendVerifiesAnythingThenIllegalStateBecauseSelfTestFails() {
        fake.verifyAlwaysTrue = true;

        assertThatThrownBy(this::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("verified a different value");
    }

    @Test
    void buildWhenBackendHealthyThenSelfTestHashesAndVerifiesOnce() {
        build();

        assertThat(fake.tracker.entered()).isEqualTo(3);
    }

    @Test
    void builderWhenNothingSetThenDocumentedDefaults() {
        Argon2idPasswordHasher hasher = build();

        assertThat(hasher.parameters()).isEqualTo(Argon2Parameters.OWASP_MINIMUM);
        assertThat(hasher.maxConcurrent())
                .isEqualTo(Math.max(2, 2 * Runtime.getRuntime().availableProcessors()))
                .isEqualTo(Argon2idPasswordHasher.defaultMaxConcurrent());
        assertThat(hasher.acquireTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void buildWhenMaxConcurrentZeroThenValidationExceptionNamingField() {
        assertThatThrownBy(() -> Argon2idPasswordHasher.builder()
                        .maxConcurrent(0)
                        .backend(fake)
                        .build())
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(FieldViolation::field)
                                .containsExactly("argon2idPasswordHasher.maxConcurrent"));
    }

    @Test
    void buildWhenNegativeTimeoutThenValidationExceptionNamingField() {
        assertThatThrownBy(() -> Argon2idPasswordHasher.builder()
                        .acquireTimeout(Duration.ofMillis(-1))
                        .backend(fake)
                        .build())
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(FieldViolation::field)
                                .containsExactly("argon2idPasswordHasher.acquireTimeout"));
    }

    @Test
    void toStringWhenCalledThenShowsConfigurationOnly() {
        Argon2idPasswordHasher hasher = Argon2idPasswordHasher.builder()
                .maxConcurrent(3)
                .acquireTimeout(Duration.ofSeconds(2))
                .backend(fake)
                .build();

        assertThat(hasher)
                .hasToString("Argon2idPasswordHasher[m=19456, t=2, p=1, maxConcurrent=3, acquireTimeout=PT2S]");
    }
}
