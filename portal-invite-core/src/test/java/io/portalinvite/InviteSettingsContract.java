package io.portalinvite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalinvite.common.PatientId;
import io.portalinvite.invitation.Invitation;
import io.portalinvite.invitation.InviteResult;
import io.portalinvite.invitation.InviteResult.InviteOutcome;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.settings.PortalSettings.Setting;
import io.portalinvite.settings.SettingsOverrides;
import io.portalinvite.settings.SettingsService.PortalDisabledException;
import io.portalinvite.storage.PortalStorage;
import io.portalinvite.testing.PortalFixture;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An invite always decides on the settings stored when it runs, even though the invitation service
 * remembers each practice's settings to save a read: changes made by another node (another portal
 * on the same stores) or straight in the store are seen by the very next invite.
 */
public abstract class InviteSettingsContract {

    /** This node. */
    protected PortalFixture node;
    /** Another node on the same stores. */
    protected PortalFixture other;

    /**
     * Creates fresh, empty stores for one test.
     *
     * @return the storage under test
     */
    protected abstract PortalStorage newStorage();

    @BeforeEach
    void setUpTwoNodes() {
        PortalStorage storage = newStorage();
        node = new PortalFixture(storage);
        other = new PortalFixture(storage);
        node.enablePortal();
        // the first invite makes this node remember the practice's settings
        assertThat(node.portal
                        .invitations()
                        .invite(node.newPatient("p0").build())
                        .outcome())
                .isEqualTo(InviteOutcome.INVITED);
    }

    @Test
    void inviteWhenAnotherNodeDisabledThePortalThenRefusedAndNothingStored() {
        other.portal.settings().disable(PortalFixture.PRACTICE, PortalFixture.STAFF);

        assertThatThrownBy(() ->
                        node.portal.invitations().invite(node.newPatient("p1").build()))
                .isInstanceOf(PortalDisabledException.class);
        assertThat(node.portal.invitations().history(PortalFixture.PRACTICE, PatientId.of("p1")))
                .isEmpty();
    }

    @Test
    void inviteWhenAnotherNodeChangedTheLifetimeThenNewInvitationUsesIt() {
        other.enablePortal(b -> b.invitationLifetime(Duration.ofDays(2)));

        Invitation invitation =
                invited(node.portal.invitations().invite(node.newPatient("p1").build()));

        assertThat(Duration.between(invitation.issuedAt(), invitation.expiresAt()))
                .isEqualTo(Duration.ofDays(2));
    }

    @Test
    void inviteWhenSettingsChangedStraightInTheStoreThenSeen() {
        PortalSettings current = node.portal.settings().get(PortalFixture.PRACTICE);
        node.storage
                .transactions()
                .inTransaction(() -> node.storage
                        .settings()
                        .save(SettingsOverrides.of(
                                current.toBuilder()
                                        .invitationLifetime(Duration.ofDays(3))
                                        .build(),
                                EnumSet.allOf(Setting.class))));

        Invitation invitation =
                invited(node.portal.invitations().invite(node.newPatient("p1").build()));

        assertThat(Duration.between(invitation.issuedAt(), invitation.expiresAt()))
                .isEqualTo(Duration.ofDays(3));
    }

    @Test
    void inviteWhenAnotherNodeChangedThePhoneRegionThenNationalNumbersParseInTheNewRegion() {
        // a UK national mobile number is not valid in Australia, the remembered region
        other.enablePortal(b -> b.defaultPhoneRegion("GB"));

        Invitation invitation = invited(node.portal
                .invitations()
                .invite(node.newPatient("p1").mobile("07400 123456").build()));

        assertThat(Objects.requireNonNull(invitation.patient().mobile()).e164()).isEqualTo("+447400123456");
    }

    @Test
    void inviteWhenAnotherNodeReenabledThePortalThenInvitesAgain() {
        other.portal.settings().disable(PortalFixture.PRACTICE, PortalFixture.STAFF);
        assertThatThrownBy(() ->
                        node.portal.invitations().invite(node.newPatient("p1").build()))
                .isInstanceOf(PortalDisabledException.class);
        other.portal.settings().enable(PortalFixture.PRACTICE, PortalFixture.STAFF);

        assertThat(node.portal
                        .invitations()
                        .invite(node.newPatient("p1").build())
                        .outcome())
                .isEqualTo(InviteOutcome.INVITED);
    }

    @Test
    void inviteWhenSettingsUnchangedThenRepeatInvitesKeepDecidingAsBefore() {
        for (int i = 1; i <= 5; i++) {
            assertThat(node.portal
                            .invitations()
                            .invite(node.newPatient("p" + i).build())
                            .outcome())
                    .isEqualTo(InviteOutcome.INVITED);
        }
        assertThat(node.portal
                        .invitations()
                        .invite(node.newPatient("p3").build())
                        .outcome())
                .isEqualTo(InviteOutcome.ALREADY_INVITED);
    }

    private static Invitation invited(InviteResult result) {
        assertThat(result.outcome()).isEqualTo(InviteOutcome.INVITED);
        return Objects.requireNonNull(result.invitation());
    }
}
