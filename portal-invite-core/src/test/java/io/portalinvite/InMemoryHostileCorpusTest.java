package io.portalinvite;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.account.LoginService.LoginResult;
import io.portalinvite.invitation.RegistrationService.CompleteRegistration;
import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.storage.PortalStorage;
import io.portalinvite.testing.HostileCorpus;
import io.portalinvite.testing.PortalFixture;
import io.portalinvite.token.LinkToken.InvalidLinkException;
import org.junit.jupiter.api.Test;

/**
 * Runs the hostile-input corpus through every entry point on the in-memory stores, and here only
 * (their values never reach a database column: tokens are looked up by digest, passwords are
 * hashed) through link tokens, passwords and login.
 */
class InMemoryHostileCorpusTest extends HostileCorpusContract {

    @Override
    protected PortalStorage newStorage() {
        return new InMemoryPortalStorage();
    }

    @Test
    void previewAndCompleteWhenTokenIsACorpusValueThenSameInvalidLinkAnswerAndNoAccount() {
        f.inviteAndDeliver(f.newPatient("p1").build());
        for (HostileCorpus.Entry e : HostileCorpus.entries()) {
            String where = "token " + e;
            Outcome<?> preview = attempt(() -> f.portal.registration().preview(e.value()));
            Outcome<?> complete = attempt(() -> f.portal
                    .registration()
                    .complete(new CompleteRegistration(
                            e.value(), PortalFixture.GOOD_PASSWORD, PortalFixture.GOOD_PASSWORD, PortalFixture.DOB)));
            check(where, preview.failure() instanceof InvalidLinkException, "preview answered " + preview);
            check(where, complete.failure() instanceof InvalidLinkException, "complete answered " + complete);
        }
        assertThat(problems).isEmpty();
        assertThat(f.storage.accounts().findByEmail("ada.p1@example.org")).isEmpty();
    }

    @Test
    void completeWhenPasswordIsACorpusValueThenTypedRefusalKeepsTheLinkOrAccountLogsInWithIt() {
        int invitee = 0;
        String token = f.inviteAndDeliver(f.newPatient("pw-" + invitee).build());
        int accepted = 0;
        for (HostileCorpus.Entry e : HostileCorpus.entries()) {
            String where = "password " + e;
            String email = "ada.pw-" + invitee + "@example.org";
            String current = token;
            Outcome<?> outcome = attempt(() -> f.portal
                    .registration()
                    .complete(new CompleteRegistration(current, e.value(), e.value(), PortalFixture.DOB)));
            if (outcome.refused()) {
                check(where, f.storage.accounts().findByEmail(email).isEmpty(), "refused, but an account exists");
                check(
                        where,
                        attempt(() -> f.portal.registration().preview(current)).failure() == null,
                        "refused, but the link no longer works");
            } else if (outcome.failure() == null) {
                accepted++;
                check(
                        where,
                        f.portal.login().login(email, e.value()).succeeded(),
                        "accepted, but cannot log in with it");
                invitee++;
                token = f.inviteAndDeliver(f.newPatient("pw-" + invitee).build());
            }
        }
        assertThat(problems).isEmpty();
        assertThat(accepted).as("some corpus values are acceptable passwords").isPositive();
    }

    @Test
    void loginWhenEmailOrPasswordIsACorpusValueThenTheGenericFailureAndNeverAnException() {
        String token = f.inviteAndDeliver(f.newPatient("p1").build());
        f.portal
                .registration()
                .complete(new CompleteRegistration(
                        token, PortalFixture.GOOD_PASSWORD, PortalFixture.GOOD_PASSWORD, PortalFixture.DOB));
        for (HostileCorpus.Entry e : HostileCorpus.entries()) {
            String where = "login " + e;
            Outcome<LoginResult> byEmail =
                    attempt(() -> f.portal.login().login(e.value(), PortalFixture.GOOD_PASSWORD));
            Outcome<LoginResult> byPassword = attempt(() -> f.portal.login().login("ada.p1@example.org", e.value()));
            check(where, byEmail.value() != null && !byEmail.value().succeeded(), "email answered " + byEmail);
            check(
                    where,
                    byPassword.value() != null && !byPassword.value().succeeded(),
                    "password answered " + byPassword);
        }
        assertThat(problems).isEmpty();
    }
}
