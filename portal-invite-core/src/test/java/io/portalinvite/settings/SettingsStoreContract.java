package io.portalinvite.settings;

import static io.portalinvite.testing.StoreTestData.OTHER_PRACTICE;
import static io.portalinvite.testing.StoreTestData.PRACTICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalinvite.common.PracticeId;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.password.PasswordPolicy;
import io.portalinvite.storage.PortalStorage;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SettingsStore} must have: nothing until a practice saves, an exact round
 * trip of every field (durations, locales, time zones, URLs, the password policy, the optional
 * sender fields both set and unset), a second save replacing the first, practices kept apart, and
 * all-or-nothing transactions.
 *
 * <p>To check an implementation, subclass this in the implementation's test sources and return a
 * fresh, empty {@link PortalStorage} from {@link #newStorage()}. The tests use only the SPI
 * interfaces and write inside {@code storage.transactions().inTransaction(...)}.
 */
public abstract class SettingsStoreContract {

    /** The storage of the current test. */
    protected PortalStorage storage;

    private SettingsStore store;

    /**
     * Creates fresh, empty stores for one test.
     *
     * @return the storage under test
     */
    protected abstract PortalStorage newStorage();

    @BeforeEach
    void createStorage() {
        storage = newStorage();
        store = storage.settings();
    }

    @Test
    void findWhenNeverSavedThenEmpty() {
        assertThat(store.find(PRACTICE)).isEmpty();
    }

    @Test
    void saveThenFindReturnsEveryFieldUnchanged() {
        PortalSettings settings = everyFieldChanged(PRACTICE);

        save(settings);

        PortalSettings found = store.find(PRACTICE).orElseThrow();
        assertSame(Optional.of(found), settings);
        assertThat(found.invitationLifetime())
                .isEqualTo(Duration.ofHours(36).plusMinutes(30).plusSeconds(15));
        assertThat(found.locale()).isEqualTo(Locale.forLanguageTag("fr-CA"));
        assertThat(found.timeZone()).isEqualTo(ZoneId.of("America/Toronto"));
        assertThat(found.invitationLinkBase()).hasToString("https://portal.clinique.example:8443/fr/invitation");
        assertThat(found.passwordPolicy()).isEqualTo(PasswordPolicy.withMinLength(20));
        assertThat(found.senderAddress()).isEqualTo(EmailAddress.of("Reception.Nord@clinique.example"));
        assertThat(found.senderName()).isEqualTo("Réception Nord");
        assertThat(found.replyTo()).isEqualTo(EmailAddress.of("Ivy@clinique.example"));
    }

    @Test
    void saveThenFindWhenDefaultsWithoutSenderFieldsThenRoundTripsWithNulls() {
        PortalSettings defaults = PortalSettings.defaults(PRACTICE);

        save(defaults);

        PortalSettings found = store.find(PRACTICE).orElseThrow();
        assertSame(Optional.of(found), defaults);
        assertThat(found.senderAddress()).isNull();
        assertThat(found.senderName()).isNull();
        assertThat(found.replyTo()).isNull();
    }

    @Test
    void saveAgainWhenSenderFieldsClearedThenReplacesEveryField() {
        save(everyFieldChanged(PRACTICE));
        PortalSettings replacement = PortalSettings.strictPreset(PRACTICE).toBuilder()
                .enabled(true)
                .practiceName("Sunrise Family Clinic")
                .invitationLinkBase("https://portal.sunrise.example/invitation")
                .build();

        save(replacement);

        PortalSettings found = store.find(PRACTICE).orElseThrow();
        assertSame(Optional.of(found), replacement);
        assertThat(found.senderAddress()).isNull();
        assertThat(found.senderName()).isNull();
        assertThat(found.replyTo()).isNull();
    }

    @Test
    void saveAgainWhenSenderFieldsSetThenReplacesEveryField() {
        save(PortalSettings.defaults(PRACTICE));
        PortalSettings replacement = everyFieldChanged(PRACTICE);

        save(replacement);

        assertSame(store.find(PRACTICE), replacement);
    }

    @Test
    void saveWhenSeveralPracticesThenEachKeepsItsOwn() {
        PortalSettings mine = everyFieldChanged(PRACTICE);
        PortalSettings theirs = PortalSettings.defaults(OTHER_PRACTICE).toBuilder()
                .enabled(true)
                .practiceName("Harbour Medical")
                .build();

        save(mine);
        save(theirs);
        save(theirs.toBuilder().maxResendsPerHour(1).build());

        assertSame(store.find(PRACTICE), mine);
        assertThat(store.find(OTHER_PRACTICE).orElseThrow().maxResendsPerHour()).isEqualTo(1);
        assertThat(store.find(OTHER_PRACTICE).orElseThrow().practiceName()).isEqualTo("Harbour Medical");
        assertThat(store.find(PracticeId.of("practice-3"))).isEmpty();
    }

    @Test
    void transactionThatThrowsAfterFirstSaveLeavesNothing() {
        assertThatThrownBy(() -> storage.transactions().inTransaction(() -> {
                    store.save(everyFieldChanged(PRACTICE));
                    throw new IllegalStateException("audit failed");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(store.find(PRACTICE)).isEmpty();
    }

    @Test
    void transactionThatThrowsAfterSecondSaveKeepsPreviousSettings() {
        PortalSettings previous = everyFieldChanged(PRACTICE);
        save(previous);

        assertThatThrownBy(() -> storage.transactions().inTransaction(() -> {
                    store.save(PortalSettings.defaults(PRACTICE));
                    throw new IllegalStateException("audit failed");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertSame(store.find(PRACTICE), previous);
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** Settings where every field differs from the defaults, the optional sender fields all set. */
    private static PortalSettings everyFieldChanged(PracticeId practiceId) {
        return PortalSettings.builder(practiceId)
                .enabled(true)
                .practiceName("Clinique Zoë O'Brien – Nord")
                .invitationLinkBase("https://portal.clinique.example:8443/fr/invitation")
                .invitationLifetime(Duration.ofHours(36).plusMinutes(30).plusSeconds(15))
                .smsNotice(false)
                .senderAddress(EmailAddress.of("Reception.Nord@Clinique.example"))
                .senderName("Réception Nord")
                .replyTo(EmailAddress.of("Ivy@clinique.example"))
                .locale(Locale.forLanguageTag("fr-CA"))
                .timeZone(ZoneId.of("America/Toronto"))
                .defaultPhoneRegion("CA")
                .passwordPolicy(PasswordPolicy.withMinLength(20))
                .dateOfBirthCheck(false)
                .maxDateOfBirthAttempts(3)
                .maxResendsPerHour(2)
                .maxResendsPerDay(7)
                .build();
    }

    private void save(PortalSettings settings) {
        storage.transactions().inTransaction(() -> store.save(settings));
    }

    /** Compares field by field, so a failure names the field that did not survive the store. */
    private static void assertSame(Optional<PortalSettings> actual, PortalSettings expected) {
        assertThat(actual).as("stored settings of %s", expected.practiceId()).isPresent();
        assertThat(actual.orElseThrow()).usingRecursiveComparison().isEqualTo(expected);
        assertThat(actual.orElseThrow()).isEqualTo(expected);
    }
}
