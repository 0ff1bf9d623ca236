package io.portalinvite.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalinvite.common.PracticeId;
import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.testing.PortalFixture;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SettingsServiceTest {

    @Test
    void getWhenHostDefaultsConfiguredThenUsedUntilThePracticeSavesItsOwn() {
        PortalFixture f = new PortalFixture(
                new InMemoryPortalStorage(),
                b -> b.settingsDefaults(id -> PortalSettings.builder(id)
                        .practiceName("Riverside Surgery")
                        .invitationLifetime(Duration.ofHours(24))
                        .build()));

        PortalSettings before = f.portal.settings().get(PortalFixture.PRACTICE);
        assertThat(before.practice().name()).isEqualTo("Riverside Surgery");
        assertThat(before.links().invitationLifetime()).isEqualTo(Duration.ofHours(24));
        assertThat(before.enabled()).isFalse();
        assertThat(f.storage.settings().find(PortalFixture.PRACTICE))
                .as("defaults are not stored")
                .isEmpty();

        PortalSettings enabled = f.portal.settings().enable(PortalFixture.PRACTICE, PortalFixture.STAFF);
        assertThat(enabled.practice().name()).isEqualTo("Riverside Surgery");
        f.portal.settings().save(enabled.toBuilder().practiceName("Renamed").build(), PortalFixture.STAFF);
        assertThat(f.portal.settings().get(PortalFixture.PRACTICE).practice().name())
                .isEqualTo("Renamed");
    }

    @Test
    void getWhenDefaultsAreForAnotherPracticeThenRefused() {
        PortalFixture f = new PortalFixture(
                new InMemoryPortalStorage(),
                b -> b.settingsDefaults(id -> PortalSettings.defaults(PracticeId.of("someone-else"))));

        assertThatThrownBy(() -> f.portal.settings().get(PortalFixture.PRACTICE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("another practice");
    }
}
