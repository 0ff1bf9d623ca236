package io.portalinvite.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalinvite.account.PatientAccess;
import io.portalinvite.common.PatientId;
import io.portalinvite.common.ValidationException;
import io.portalinvite.invitation.InviteResult;
import io.portalinvite.invitation.PatientStatus;
import io.portalinvite.invitation.PatientStatus.State;
import io.portalinvite.invitation.RegistrationService.CompleteRegistration;
import io.portalinvite.party.Relationship;
import io.portalinvite.storage.PortalStorage;
import io.portalinvite.testing.PortalFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Staff's view of every patient's portal status on a storage implementation: each state reached
 * through the real flow, the filter by state, paging that lists every patient once, the host's own
 * list with patients never invited, and revoked grants with who revoked them and when.
 */
public abstract class PatientStatusContract {

    private PortalFixture f;

    /**
     * Creates fresh, empty stores for one test.
     *
     * @return the storage under test
     */
    protected abstract PortalStorage newStorage();

    @BeforeEach
    void practiceWithOnePatientInEachState() {
        f = new PortalFixture(newStorage());
        f.enablePortal(b -> b.dateOfBirthCheck(false).invitationLifetime(Duration.ofDays(7)));
        // expired first: the clock then moves past its link only
        f.inviteAndDeliver(f.newPatient("p-expired").mobile(null).build());
        f.clock.advance(Duration.ofDays(8));

        f.email.failNext(1, true);
        f.portal.invitations().invite(f.newPatient("p-failed").mobile(null).build());
        f.portal.dispatcher().drain();
        f.inviteAndDeliver(f.newPatient("p-delivered").mobile(null).build());
        String opened = f.inviteAndDeliver(f.newPatient("p-opened").mobile(null).build());
        f.portal.registration().preview(opened);
        register(f.inviteAndDeliver(f.newPatient("p-registered").mobile(null).build()));
        InviteResult revoked = f.portal
                .invitations()
                .invite(f.newPatient("p-revoked").mobile(null).build());
        f.portal
                .invitations()
                .revoke(
                        PortalFixture.PRACTICE,
                        Objects.requireNonNull(revoked.invitation()).id(),
                        PortalFixture.STAFF);
        register(f.inviteAndDeliver(f.newPatient("p-grant-revoked").mobile(null).build()));
        PatientAccess grant = f.portal
                .access()
                .forPatient(PortalFixture.PRACTICE, PatientId.of("p-grant-revoked"))
                .get(0);
        f.portal.access().revoke(PortalFixture.PRACTICE, grant.id(), PortalFixture.STAFF);
        // a child registered through a carer counts as registered
        register(f.inviteAndDeliver(f.newPatient("p-child")
                .email(null)
                .mobile(null)
                .carer("Linh", "Nguyen", "linh@example.org", null, Relationship.PARENT)
                .build()));
        // the same carer invited for a second child: still only invited for that child
        f.inviteAndDeliver(f.newPatient("p-child-2")
                .email(null)
                .mobile(null)
                .carer("Linh", "Nguyen", "linh@example.org", null, Relationship.PARENT)
                .build());
        // queued last, so no dispatcher run has sent it
        f.portal.invitations().invite(f.newPatient("p-invited").mobile(null).build());
    }

    private void register(String token) {
        f.portal
                .registration()
                .complete(new CompleteRegistration(
                        token, PortalFixture.GOOD_PASSWORD, PortalFixture.GOOD_PASSWORD, null));
    }

    private Map<String, State> all() {
        return f.portal.invitations().statuses(PortalFixture.PRACTICE, Set.of(), null, 200).items().stream()
                .collect(Collectors.toMap(s -> s.patientId().value(), PatientStatus::state));
    }

    @Test
    void statusesWhenEachPatientIsSomewhereElseInTheFlowThenEachStateIsNamed() {
        assertThat(all())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "p-expired", State.EXPIRED,
                        "p-invited", State.INVITED,
                        "p-failed", State.DELIVERY_FAILED,
                        "p-delivered", State.DELIVERED,
                        "p-opened", State.OPENED,
                        "p-registered", State.REGISTERED,
                        "p-revoked", State.REVOKED,
                        "p-grant-revoked", State.REVOKED,
                        "p-child", State.REGISTERED,
                        "p-child-2", State.DELIVERED));
    }

    @Test
    void statusesWhenFilteredByStateThenOnlyThosePatients() {
        PatientStatus.Page page = f.portal
                .invitations()
                .statuses(PortalFixture.PRACTICE, EnumSet.of(State.REVOKED, State.EXPIRED), null, 200);

        assertThat(page.items())
                .extracting(s -> s.patientId().value())
                .containsExactly("p-expired", "p-grant-revoked", "p-revoked");
        assertThat(page.next()).isNull();
    }

    @Test
    void statusesWhenPagedWithAndWithoutFilterThenEveryPatientOnceInIdOrder() {
        for (Set<State> only : List.of(Set.<State>of(), EnumSet.of(State.REGISTERED, State.DELIVERED))) {
            List<String> seen = new ArrayList<>();
            String after = null;
            int pages = 0;
            do {
                PatientStatus.Page page = f.portal.invitations().statuses(PortalFixture.PRACTICE, only, after, 2);
                assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
                page.items().forEach(s -> seen.add(s.patientId().value()));
                after = page.next();
                pages++;
            } while (after != null && pages < 20);
            List<String> expected = all().entrySet().stream()
                    .filter(e -> only.isEmpty() || only.contains(e.getValue()))
                    .map(Map.Entry::getKey)
                    .sorted()
                    .toList();
            assertThat(seen).as("filter " + only).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void statusesOfHostPatientsWhenSomeWereNeverInvitedThenNotInvitedInTheOrderGiven() {
        List<PatientStatus> statuses = f.portal
                .invitations()
                .statuses(
                        PortalFixture.PRACTICE,
                        List.of(PatientId.of("p-new"), PatientId.of("p-opened"), PatientId.of("p-new")));

        assertThat(statuses)
                .extracting(s -> s.patientId().value() + " " + s.state())
                .containsExactly("p-new NOT_INVITED", "p-opened OPENED");
        assertThat(statuses.get(0).invitation()).isNull();
        assertThat(statuses.get(0).grants()).isEmpty();
    }

    @Test
    void statusWhenGrantRevokedThenGrantSaysWhoRevokedItAndWhen() {
        PatientStatus status = f.portal
                .invitations()
                .statuses(PortalFixture.PRACTICE, List.of(PatientId.of("p-grant-revoked")))
                .get(0);

        assertThat(status.state()).isEqualTo(State.REVOKED);
        assertThat(status.grants()).singleElement().satisfies(g -> {
            assertThat(g.revokedAt()).isEqualTo(f.clock.instant());
            assertThat(g.revokedBy()).isEqualTo("staff:" + PortalFixture.STAFF.value());
        });
        assertThat(Objects.requireNonNull(status.invitation()).status().name()).isEqualTo("ACCEPTED");
    }

    @Test
    void statusWhenRevokedPatientIsInvitedAgainThenTheNewInvitationDecides() {
        f.inviteAndDeliver(f.newPatient("p-revoked").mobile(null).build());

        assertThat(all()).containsEntry("p-revoked", State.DELIVERED);
    }

    @Test
    void statusWhenOpenedLinkIsResentThenDeliveredAgainUntilTheNewLinkIsOpened() {
        PatientStatus opened = f.portal
                .invitations()
                .statuses(PortalFixture.PRACTICE, List.of(PatientId.of("p-opened")))
                .get(0);
        f.clock.advance(Duration.ofHours(2));
        f.portal
                .invitations()
                .resend(
                        PortalFixture.PRACTICE,
                        Objects.requireNonNull(opened.invitation()).id(),
                        PortalFixture.STAFF);
        f.portal.dispatcher().drain();

        assertThat(all()).containsEntry("p-opened", State.DELIVERED);
    }

    @Test
    void statusesWhenPageSizeOrCursorOutOfRangeThenRefusedNamingTheField() {
        assertThatThrownBy(() -> f.portal.invitations().statuses(PortalFixture.PRACTICE, Set.of(), null, 0))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("limit"));
        assertThatThrownBy(() -> f.portal.invitations().statuses(PortalFixture.PRACTICE, Set.of(), null, 201))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void statusesWhenAskedForAnotherPracticeThenNoneOfThisPracticesPatients() {
        assertThat(f.portal
                        .invitations()
                        .statuses(io.portalinvite.common.PracticeId.of("practice-2"), Set.of(), null, 50)
                        .items())
                .isEmpty();
        assertThat(all()).hasSize(10);
    }
}
