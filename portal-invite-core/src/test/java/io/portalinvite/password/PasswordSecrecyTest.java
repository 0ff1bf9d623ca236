package io.portalinvite.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.portalinvite.password.PasswordCheck.PasswordRejectedException;
import io.portalinvite.password.PasswordHasher.HashingCapacityExceededException;
import io.portalinvite.password.PasswordValidator.PasswordContext;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** No message, string form or log line produced by this package reveals a password or hash. */
class PasswordSecrecyTest {

    private static final PasswordValidator VALIDATOR = new PasswordValidator();
    private static final PasswordContext CONTEXT = PasswordContext.builder()
            .addName("Sunrise Family Clinic")
            .addName("Jane Doe")
            .addDateOfBirth(LocalDate.of(1985, 2, 14))
            .build();

    /** Everything a careless host might log after a rejection. */
    private static List<String> renderings(PasswordCheck check) {
        List<String> texts = new ArrayList<>();
        texts.add(check.toString());
        texts.add(check.guidance());
        check.violations().forEach(v -> texts.add(v.toString()));
        PasswordRejectedException e = new PasswordRejectedException(check);
        texts.add(e.getMessage());
        texts.add(e.toString());
        e.violations().forEach(v -> texts.add(v.toString()));
        return texts;
    }

    private static void assertNoTrace(List<String> texts, String password) {
        List<String> traces = PasswordSkeleton.variants(password.toLowerCase(Locale.ROOT)).stream()
                .toList();
        assertThat(traces).isNotEmpty();
        assertThat(texts)
                .allSatisfy(text -> assertThat(text.toLowerCase(Locale.ROOT)).doesNotContain(traces));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Sunrisefamilyclinic2026!!!!!!",
                "qwertyuiopasdfg",
                "123456789012345",
                "JaneDoe14021985",
                "Zebra\u202eQuokka",
                "Quokka7",
                "Marmalade-Zebra-Quokka-" + "q"
            })
    void renderingsWhenPasswordRejectedThenNeverContainPasswordOrItsSkeleton(String password) {
        PasswordCheck check = VALIDATOR.check(password, PasswordPolicy.DEFAULT, CONTEXT);
        if (check.acceptable()) {
            check = VALIDATOR.check(password, new PasswordPolicy(64, 64), CONTEXT);
        }

        assertThat(check.acceptable()).isFalse();
        assertNoTrace(renderings(check), password);
    }

    @Test
    void renderingsWhenPasswordTooLongThenNeverContainIt() {
        String password = TestPasswords.random(2000, 5);

        assertNoTrace(renderings(VALIDATOR.check(password, PasswordPolicy.DEFAULT, CONTEXT)), password.substring(0, 8));
    }

    @Test
    void verifyWhenStoredHashMalformedThenWarningLogsNeitherHashNorPassword() {
        Logger logger = (Logger) LoggerFactory.getLogger(Argon2idPasswordHasher.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            Argon2idPasswordHasher hasher = Argon2idPasswordHasher.builder()
                    .backend(new FakeArgon2Backend())
                    .build();
            String storedGarbage = "$argon2id$v=19$m=19456,t=2,p=1$c2VjcmV0LXNhbHQ$LEAKED-HASH";

            assertThat(hasher.verify(storedGarbage, "Marmalade-Zebra-Quokka")).isFalse();

            assertThat(appender.list).isNotEmpty().allSatisfy(event -> {
                assertThat(event.getFormattedMessage()).doesNotContain("LEAKED", "c2VjcmV0", "Marmalade");
                assertThat(event.getArgumentArray()).isNullOrEmpty();
            });
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void exceptionsFromHasherWhenRefusingThenNeverContainPassword() throws Exception {
        FakeArgon2Backend fake = new FakeArgon2Backend();
        Argon2idPasswordHasher hasher = Argon2idPasswordHasher.builder()
                .maxConcurrent(1)
                .acquireTimeout(Duration.ofMillis(10))
                .backend(fake)
                .build();
        CountDownLatch gate = new CountDownLatch(1);
        fake.gate = gate;
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            pool.submit(() -> hasher.hash("Marmalade-Zebra-Quokka"));
            while (fake.tracker.inFlight() == 0) {
                Thread.sleep(1);
            }
            assertThatThrownBy(() -> hasher.hash("Marmalade-Zebra-Quokka"))
                    .isInstanceOf(HashingCapacityExceededException.class)
                    .satisfies(e -> assertThat(e.toString()).doesNotContain("Marmalade"));
        } finally {
            gate.countDown();
            pool.shutdownNow();
        }
        assertThat(hasher.toString()).doesNotContain("Marmalade");
    }
}
