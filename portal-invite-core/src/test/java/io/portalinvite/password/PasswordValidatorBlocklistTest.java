package io.portalinvite.password;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.internal.Passwords;
import io.portalinvite.password.PasswordCheck.PasswordViolation;
import io.portalinvite.password.PasswordValidator.PasswordContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordValidatorBlocklistTest {

    private static final PasswordValidator VALIDATOR = new PasswordValidator();
    private static final PasswordPolicy MIN_EIGHT = PasswordPolicy.withMinLength(8);

    private static PasswordCheck check(String password, PasswordPolicy policy) {
        return VALIDATOR.check(password, policy, PasswordContext.empty());
    }

    private static List<String> resourceLines(String resource) throws IOException {
        List<String> lines = new ArrayList<>();
        try (InputStream in =
                PasswordValidatorBlocklistTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as("resource %s", resource).isNotNull();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        }
        return lines;
    }

    @Test
    void checkWhenAnyNbvcxzPasswordOfEightOrMoreCodePointsThenBlocklisted() throws IOException {
        List<String> entries = resourceLines(DictionaryPasswordBlocklist.NBVCXZ_PASSWORDS_RESOURCE).stream()
                .filter(e -> e.codePointCount(0, e.length()) >= 8)
                .toList();
        List<String> missed = entries.stream()
                .filter(e -> !check(e, MIN_EIGHT).hasViolation(PasswordViolation.BLOCKLISTED))
                .toList();

        assertThat(entries).hasSizeGreaterThan(39_000);
        assertThat(missed).isEmpty();
    }

    @Test
    void checkWhenAnyBundledPortalPhraseThenBlocklisted() throws IOException {
        List<String> phrases = resourceLines(DictionaryPasswordBlocklist.PORTAL_PHRASES_RESOURCE).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .toList();

        assertThat(phrases)
                .hasSizeGreaterThan(20)
                .allSatisfy(phrase -> assertThat(check(phrase, MIN_EIGHT).hasViolation(PasswordViolation.BLOCKLISTED))
                        .as(phrase)
                        .isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Welcome to the portal!", "My Health Record 2026", "PatientPortal#1"})
    void checkWhenDecoratedPortalPhraseThenBlocklisted(String password) {
        assertThat(check(password, PasswordPolicy.DEFAULT).hasViolation(PasswordViolation.BLOCKLISTED))
                .isTrue();
    }

    @Test
    void checkWhenFullWidthFormOfBlocklistedPasswordThenBlocklisted() {
        String fullWidth =
                "\uff50\uff41\uff53\uff53\uff57\uff4f\uff52\uff44" + "\uff53\uff54\uff41\uff4e\uff44\uff41\uff52\uff44";
        assertThat(Passwords.normalize(fullWidth)).isEqualTo("passwordstandard");

        assertThat(check(fullWidth, PasswordPolicy.DEFAULT).violations())
                .extracting(PasswordViolation::code)
                .contains(PasswordViolation.BLOCKLISTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PasswordStandard", "PASSWORDSTANDARD", "QwertyuiopAsdfg", "MANCHESTERUNITED"})
    void checkWhenBlocklistedPasswordInDifferentCaseThenBlocklisted(String password) {
        assertThat(check(password, PasswordPolicy.DEFAULT).hasViolation(PasswordViolation.BLOCKLISTED))
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Password123456789!!",
                "!!Password2026!!!!",
                "password-1-2-3-4-5-6",
                "Dragon!!!!20262026",
                "M0nkey*1234567890"
            })
    void checkWhenBlocklistedWordDecoratedWithDigitsAndPunctuationThenBlocklisted(String password) {
        assertThat(check(password, PasswordPolicy.DEFAULT).hasViolation(PasswordViolation.BLOCKLISTED))
                .isTrue();
    }

    @Test
    void checkWhenBlocklistedWordIsOnlyPartOfPassphraseThenAccepted() {
        assertThat(check("my password is a purple elephant", PasswordPolicy.DEFAULT)
                        .acceptable())
                .isTrue();
    }

    @Test
    void checkWhenShortBlocklistedPasswordThenEveryViolationReportedTogether() {
        assertThat(check("password", PasswordPolicy.DEFAULT).violations())
                .extracting(PasswordViolation::code)
                .containsExactly(PasswordViolation.TOO_SHORT, PasswordViolation.BLOCKLISTED, PasswordViolation.CONTEXT);
    }

    @Test
    void checkWhenCorrectHorseBatteryStapleThenBlocklistedOnlyBecauseNbvcxzListsIt() {
        // nbvcxz's breach list deliberately ends with the famous XKCD example, so it is refused
        // as blocklisted; no composition, length or repetition rule objects to it.
        assertThat(check("correcthorsebatterystaple", PasswordPolicy.DEFAULT).violations())
                .extracting(PasswordViolation::code)
                .containsExactly(PasswordViolation.BLOCKLISTED);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "pebbleorchidlanternvoyage",
                "PEBBLEORCHIDLANTERNVOYAGE",
                "84019275362918470",
                "pebble orchid lantern voyage",
                "Pebble-Orchid-Lantern-Voyage",
                "\u3055\u304f\u3089\u3000\u3084\u307e\u3000\u304b\u308f\u3000\u305d\u3089\u3000\u306d\u3053"
            })
    void checkWhenLongPasswordWithoutCompositionVarietyThenAccepted(String password) {
        assertThat(check(password, PasswordPolicy.DEFAULT).acceptable()).isTrue();
    }

    static Stream<String> randomFifteenCharacterPasswords() {
        return Stream.iterate(1L, seed -> seed + 1).limit(200).map(seed -> TestPasswords.random(15, seed));
    }

    @ParameterizedTest
    @MethodSource("randomFifteenCharacterPasswords")
    void checkWhenRandomFifteenCharacterPasswordThenAccepted(String password) {
        assertThat(check(password, PasswordPolicy.DEFAULT).violations()).isEmpty();
    }

    static Stream<String> randomDicewarePassphrases() throws IOException {
        List<String> words = resourceLines("dictionaries/eff_large.txt");
        Random random = new Random(42);
        return Stream.generate(() -> String.join(
                        " ",
                        words.get(random.nextInt(words.size())),
                        words.get(random.nextInt(words.size())),
                        words.get(random.nextInt(words.size())),
                        words.get(random.nextInt(words.size()))))
                .limit(100);
    }

    @ParameterizedTest
    @MethodSource("randomDicewarePassphrases")
    void checkWhenRandomFourWordPassphraseThenAccepted(String passphrase) {
        assertThat(check(passphrase, PasswordPolicy.DEFAULT).violations()).isEmpty();
    }
}
