package io.portalinvite.settings;

import static io.portalinvite.testing.StoreTestData.OTHER_PRACTICE;
import static io.portalinvite.testing.StoreTestData.PRACTICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalinvite.common.PracticeId;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.password.PasswordPolicy;
import io.portalinvite.settings.PortalSettings.Setting;
import io.portalinvite.storage.PortalStorage;
import io.portalinvite.testing.PortalFixture;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SettingsStore} must have: nothing until a practice saves, an exact round
 * trip of what a practice chose (every setting, durations, locales, time zones, URLs, the password
 * policy, the optional sender fields both set and chosen as nothing), settings it did not choose left
 * to the defaults, a second save replacing the first, practices kept apart, and all-or-nothing
 * transactions. On top of the store, the settings in force follow the host's defaults field by field:
 * a default changed between two portals on the same storage reaches every setting a practice did not
 * choose itself.
 *
 * <p>To check an implementation, subclass this in the implementation's test sources and return a
 * fresh, empty {@link PortalStorage} from {@link #newStorage()}. The tests use only the SPI
 * interfaces and write inside {@code storage.transactions().inTransaction(...)}.
 */
public abstract class SettingsStoreContract {

    private static final EnumSet<Setting> EVERY = EnumSet.allOf(Setting.class);

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

        PortalSettings found = found(PRACTICE).orElseThrow();
        assertSame(Optional.of(found), settings);
        assertThat(store.find(PRACTICE).orElseThrow().chosen()).isEqualTo(EVERY);
        assertThat(found.links().invitationLifetime())
                .isEqualTo(Duration.ofHours(36).plusMinutes(30).plusSeconds(15));
        assertThat(found.practice().locale()).isEqualTo(Locale.forLanguageTag("fr-CA"));
        assertThat(found.practice().timeZone()).isEqualTo(ZoneId.of("America/Toronto"));
        assertThat(found.links().invitationLinkBase())
                .hasToString("https://portal.clinique.example:8443/fr/invitation");
        assertThat(found.registration().passwordPolicy()).isEqualTo(PasswordPolicy.withMinLength(20));
        assertThat(found.practice().senderAddress()).isEqualTo(EmailAddress.of("Reception.Nord@Clinique.example"));
        assertThat(found.practice().senderName()).isEqualTo("Réception Nord");
        assertThat(found.practice().replyTo()).isEqualTo(EmailAddress.of("Ivy@clinique.example"));
        assertThat(found.registration().consent())
                .isEqualTo(everyFieldChanged(PRACTICE).registration().consent());
    }

    @Test
    void saveThenFindWhenDefaultsWithoutSenderFieldsThenRoundTripsWithNulls() {
        PortalSettings defaults = PortalSettings.defaults(PRACTICE);

        save(defaults);

        PortalSettings found = found(PRACTICE).orElseThrow();
        assertSame(Optional.of(found), defaults);
        assertThat(found.practice().senderAddress()).isNull();
        assertThat(found.practice().senderName()).isNull();
        assertThat(found.practice().replyTo()).isNull();
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

        PortalSettings found = found(PRACTICE).orElseThrow();
        assertSame(Optional.of(found), replacement);
        assertThat(found.practice().senderAddress()).isNull();
        assertThat(found.practice().senderName()).isNull();
        assertThat(found.practice().replyTo()).isNull();
    }

    @Test
    void saveAgainWhenSenderFieldsSetThenReplacesEveryField() {
        save(PortalSettings.defaults(PRACTICE));
        PortalSettings replacement = everyFieldChanged(PRACTICE);

        save(replacement);

        assertSame(found(PRACTICE), replacement);
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

        assertSame(found(PRACTICE), mine);
        assertThat(found(OTHER_PRACTICE).orElseThrow().delivery().maxResendsPerHour())
                .isEqualTo(1);
        assertThat(found(OTHER_PRACTICE).orElseThrow().practice().name()).isEqualTo("Harbour Medical");
        assertThat(store.find(PracticeId.of("practice-3"))).isEmpty();
    }

    @Test
    void saveWhenSomeSettingsChosenThenOnlyThoseStoredAndNothingStaysDistinctFromNotChosen() {
        SettingsOverrides chosen = SettingsOverrides.none(PRACTICE)
                .with(Setting.ENABLED, true)
                .with(Setting.INVITATION_LIFETIME, Duration.ofHours(30))
                .with(Setting.SENDER_NAME, null)
                .with(Setting.CONSENT, null)
                .with(Setting.PASSWORD_RESET_LINK_BASE, null);

        storage.transactions().inTransaction(() -> store.save(chosen));

        SettingsOverrides found = store.find(PRACTICE).orElseThrow();
        assertThat(found).isEqualTo(chosen);
        assertThat(found.chosen())
                .containsExactly(
                        Setting.ENABLED,
                        Setting.INVITATION_LIFETIME,
                        Setting.SENDER_NAME,
                        Setting.CONSENT,
                        Setting.PASSWORD_RESET_LINK_BASE);
        assertThat(found.value(Setting.SENDER_NAME)).isNull();
        assertThat(found.has(Setting.SENDER_ADDRESS)).isFalse();
    }

    @Test
    void saveWhenChoicesShrinkThenForgottenSettingsAreNotStoredAnyMore() {
        save(everyFieldChanged(PRACTICE));
        SettingsOverrides fewer =
                store.find(PRACTICE).orElseThrow().without(List.of(Setting.PRACTICE_NAME, Setting.CONSENT));

        storage.transactions().inTransaction(() -> store.save(fewer));

        assertThat(store.find(PRACTICE).orElseThrow()).isEqualTo(fewer);
        assertThat(store.find(PRACTICE).orElseThrow().has(Setting.PRACTICE_NAME))
                .isFalse();
    }

    @Test
    void transactionThatThrowsAfterFirstSaveLeavesNothing() {
        assertThatThrownBy(() -> storage.transactions().inTransaction(() -> {
                    store.save(SettingsOverrides.of(everyFieldChanged(PRACTICE), EVERY));
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
                    store.save(SettingsOverrides.of(PortalSettings.defaults(PRACTICE), EVERY));
                    throw new IllegalStateException("audit failed");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertSame(found(PRACTICE), previous);
    }

    @Test
    void enableWhenHostDefaultsChangeAfterwardsThenPracticeSeesTheNewDefaults() {
        PortalFixture first =
                new PortalFixture(storage, b -> b.settingsDefaults(id -> hostDefaults(id, 24, "Old Name")));
        first.portal.settings().enable(PRACTICE, PortalFixture.STAFF);
        assertThat(store.find(PRACTICE).orElseThrow().chosen()).containsExactly(Setting.ENABLED);

        PortalFixture second =
                new PortalFixture(storage, b -> b.settingsDefaults(id -> hostDefaults(id, 48, "New Name")));
        PortalSettings inForce = second.portal.settings().get(PRACTICE);

        assertThat(inForce.enabled()).isTrue();
        assertThat(inForce.links().invitationLifetime()).isEqualTo(Duration.ofHours(48));
        assertThat(inForce.practice().name()).isEqualTo("New Name");
    }

    @Test
    void saveWhenOneFieldChangedThenOnlyThatFieldStopsFollowingTheDefaults() {
        PortalFixture first =
                new PortalFixture(storage, b -> b.settingsDefaults(id -> hostDefaults(id, 24, "Old Name")));
        PortalSettings shown = first.portal.settings().enable(PRACTICE, PortalFixture.STAFF);
        first.portal
                .settings()
                .save(shown.toBuilder().practiceName("Sunrise Clinic").build(), PortalFixture.STAFF);

        PortalFixture second =
                new PortalFixture(storage, b -> b.settingsDefaults(id -> hostDefaults(id, 48, "New Name")));
        PortalSettings inForce = second.portal.settings().get(PRACTICE);

        assertThat(store.find(PRACTICE).orElseThrow().chosen()).containsExactly(Setting.ENABLED, Setting.PRACTICE_NAME);
        assertThat(inForce.practice().name()).isEqualTo("Sunrise Clinic");
        assertThat(inForce.links().invitationLifetime())
                .as("not chosen: follows the new default")
                .isEqualTo(Duration.ofHours(48));
    }

    @Test
    void resetToDefaultsWhenFieldChosenThenItFollowsTheDefaultsAgain() {
        PortalFixture f = new PortalFixture(storage, b -> b.settingsDefaults(id -> hostDefaults(id, 24, "Host Name")));
        PortalSettings shown = f.portal.settings().enable(PRACTICE, PortalFixture.STAFF);
        f.portal
                .settings()
                .save(shown.toBuilder().practiceName("Mine").smsNotice(false).build(), PortalFixture.STAFF);

        PortalSettings after =
                f.portal.settings().resetToDefaults(PRACTICE, PortalFixture.STAFF, Setting.PRACTICE_NAME);

        assertThat(after.practice().name()).isEqualTo("Host Name");
        assertThat(after.delivery().smsNotice()).isFalse();
        assertThat(f.portal.settings().overrides(PRACTICE).chosen())
                .containsExactly(Setting.ENABLED, Setting.SMS_NOTICE);
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static PortalSettings hostDefaults(PracticeId id, int lifetimeHours, String name) {
        return PortalSettings.builder(id)
                .practiceName(name)
                .invitationLinkBase("https://portal.host.example/invitation")
                .invitationLifetime(Duration.ofHours(lifetimeHours))
                .build();
    }

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
                .agePolicy(AgePolicy.AU_MY_HEALTH_RECORD)
                .sharedEmail(SharedEmailPolicy.SEPARATE_LOGIN_PER_PATIENT)
                .consent(new ConsentDocument(
                        "2026-03", "Privacy notice text", "Terms text", Instant.parse("2026-03-01T00:00:00Z"), true))
                .messagesPerMinute(120)
                .reminderBefore(Duration.ofHours(6))
                .passwordResetLinkBase("https://portal.clinique.example:8443/fr/reset")
                .secondFactor(SecondFactorPolicy.OPTIONAL)
                .build();
    }

    /** Stores every setting of these settings as the practice's own choice. */
    private void save(PortalSettings settings) {
        storage.transactions().inTransaction(() -> store.save(SettingsOverrides.of(settings, EVERY)));
    }

    /** The settings in force over the library's defaults, as stored. */
    private Optional<PortalSettings> found(PracticeId practiceId) {
        return store.find(practiceId).map(o -> o.over(PortalSettings.defaults(practiceId)));
    }

    /** Compares field by field, so a failure names the field that did not survive the store. */
    private static void assertSame(Optional<PortalSettings> actual, PortalSettings expected) {
        assertThat(actual).as("stored settings of %s", expected.practiceId()).isPresent();
        assertThat(actual.orElseThrow()).usingRecursiveComparison().isEqualTo(expected);
        assertThat(actual.orElseThrow()).isEqualTo(expected);
    }
}
