package io.portalinvite.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.InviteSettingsContract;
import io.portalinvite.common.PatientId;
import io.portalinvite.common.PracticeId;
import io.portalinvite.invitation.InviteStorage.InviteLookup;
import io.portalinvite.invitation.RegistrationService.CompleteRegistration;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.storage.PortalStorage;
import io.portalinvite.testing.PortalFixture;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The invite's lookup (one multi-statement round trip on PostgreSQL) answers what the stores read
 * in turn answer, and invites decide on the settings stored when they run, on every database.
 */
class InviteLookupTest {

    @Nested
    class PostgreSqlSettings extends InviteSettingsContract {
        @Override
        protected PortalStorage newStorage() {
            return TestDatabase.postgres().freshStorage();
        }
    }

    @Nested
    class H2Settings extends InviteSettingsContract {
        @Override
        protected PortalStorage newStorage() {
            return TestDatabase.h2().freshStorage();
        }
    }

    @Nested
    class MariaDbSettings extends InviteSettingsContract {
        @Override
        protected PortalStorage newStorage() {
            return TestDatabase.mariadb().freshStorage();
        }
    }

    @Test
    void lookupForInviteWhenPostgreSqlThenSameAsTheStoresReadInTurn() {
        JdbcPortalStorage storage = TestDatabase.postgres().freshStorage();
        assertThat(storage.platform()).isEqualTo(DatabasePlatform.POSTGRESQL);
        PortalFixture f = new PortalFixture(storage);
        f.enablePortal();
        // p1's invitee registers (an account with a grant); p2's stays open; p3 has nothing
        f.inviteAndDeliver(f.newPatient("p1").email("shared@example.org").build());
        f.portal
                .registration()
                .complete(new CompleteRegistration(
                        f.email.lastToken(),
                        PortalFixture.GOOD_PASSWORD,
                        PortalFixture.GOOD_PASSWORD,
                        PortalFixture.DOB));
        f.portal
                .invitations()
                .invite(f.newPatient("p2").email("shared@example.org").build());

        for (String patient : List.of("p1", "p2", "p3")) {
            for (String email : List.of("shared@example.org", "nobody@example.org")) {
                for (String mobile : java.util.Arrays.asList(null, "+61412345678", "+61499999999")) {
                    String key = EmailAddress.of(email).lookupKey();
                    PatientId patientId = PatientId.of(patient);
                    InviteLookup together = storage.transactions()
                            .inTransaction(
                                    () -> storage.lookupForInvite(PortalFixture.PRACTICE, patientId, key, mobile, 11));
                    InviteLookup inTurn = storage.transactions()
                            .inTransaction(() -> new InviteLookup(
                                    storage.settings().find(PortalFixture.PRACTICE),
                                    storage.accounts()
                                            .findByEmail(key)
                                            .map(a -> storage.accounts().findAccessByAccount(a.id()))
                                            .orElse(List.of()),
                                    storage.invitations().findOpen(PortalFixture.PRACTICE, patientId, key),
                                    mobile == null
                                            ? List.of()
                                            : storage.invitations()
                                                    .findPatientsByInviteeMobile(PortalFixture.PRACTICE, mobile, 11)));
                    assertThat(together.patientsSharingMobile())
                            .as("%s %s %s", patient, email, mobile)
                            .containsExactlyInAnyOrderElementsOf(inTurn.patientsSharingMobile());
                    assertThat(together)
                            .as("%s %s %s", patient, email, mobile)
                            .usingRecursiveComparison()
                            .ignoringFields("patientsSharingMobile")
                            .isEqualTo(inTurn);
                }
            }
            assertThat(storage.lookupForInvite(
                                    PortalFixture.PRACTICE, PatientId.of(patient), "x@example.org", "+61412345678", 11)
                            .patientsSharingMobile())
                    .as("the fixture's mobile")
                    .isNotEmpty();
        }
        InviteLookup shared = storage.lookupForInvite(
                PortalFixture.PRACTICE,
                PatientId.of("p2"),
                EmailAddress.of("shared@example.org").lookupKey(),
                null,
                11);
        assertThat(shared.inviteeAccess()).hasSize(1);
        assertThat(shared.openInvitation()).isPresent();
        assertThat(shared.storedSettings()).isPresent();
        assertThat(storage.lookupForInvite(
                        PracticeId.of("elsewhere"), PatientId.of("p2"), "x@example.org", "+61412345678", 11))
                .isEqualTo(
                        new InviteLookup(java.util.Optional.empty(), List.of(), java.util.Optional.empty(), List.of()));
    }
}
