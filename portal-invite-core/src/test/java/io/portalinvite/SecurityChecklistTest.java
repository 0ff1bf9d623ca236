package io.portalinvite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalinvite.account.LoginService.LoginResult;
import io.portalinvite.account.PortalAccount;
import io.portalinvite.account.PortalAccount.AccountStatus;
import io.portalinvite.common.PatientId;
import io.portalinvite.invitation.Invitation;
import io.portalinvite.invitation.Invitation.InvitationStatus;
import io.portalinvite.invitation.RegistrationService.CompleteRegistration;
import io.portalinvite.password.PasswordCheck.PasswordRejectedException;
import io.portalinvite.password.PasswordCheck.PasswordViolation;
import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.testing.PortalFixture;
import io.portalinvite.token.LinkToken.InvalidLinkException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Security checklist items proved end to end through the public services, where the unit tests of
 * one class cannot show them (the item number is in each test's name; docs/security.md maps every
 * item to its tests): dead links refused exactly like unknown ones (A6, A7, A8, E1), the login
 * throttle and hard lock at their exact thresholds (E3), and the password rules as an invitee meets
 * them — set at registration, used at login (C2, C4, C5).
 */
class SecurityChecklistTest {

    private InMemoryPortalStorage storage;
    private PortalFixture f;

    @BeforeEach
    void setUp() {
        storage = new InMemoryPortalStorage();
        f = new PortalFixture(storage);
        f.enablePortal();
    }

    // -------------------------------------------------------------- A6, A7, A8, E1: dead links

    enum DeadLink {
        REVOKED,
        REPLACED_BY_RESEND,
        EXPIRED,
        USED,
        UNKNOWN,
        MALFORMED
    }

    @ParameterizedTest
    @EnumSource(DeadLink.class)
    void a6a7a8e1LinkOfRevokedResentExpiredOrUsedInvitationRefusedOnPreviewAndCompleteExactlyLikeAnUnknownOne(
            DeadLink kind) {
        String token = deadLink(kind);
        List<String> messages = new ArrayList<>();
        int accountsBefore = accounts();

        assertThatThrownBy(() -> f.portal.registration().preview(token))
                .isInstanceOfSatisfying(InvalidLinkException.class, e -> messages.add(e.getMessage()));
        assertThatThrownBy(() -> f.portal
                        .registration()
                        .complete(new CompleteRegistration(
                                token,
                                "an unrelated new passphrase",
                                "an unrelated new passphrase",
                                PortalFixture.DOB)))
                .isInstanceOfSatisfying(InvalidLinkException.class, e -> messages.add(e.getMessage()));

        assertThat(messages).containsOnly(new InvalidLinkException().getMessage());
        assertThat(accounts()).as("no account from a dead link").isEqualTo(accountsBefore);
        assertThat(f.portal
                        .login()
                        .login("ada.p1@example.org", "an unrelated new passphrase")
                        .succeeded())
                .isFalse();
    }

    private String deadLink(DeadLink kind) {
        return switch (kind) {
            case REVOKED -> {
                String token = f.inviteAndDeliver(f.newPatient("p1").build());
                f.portal
                        .invitations()
                        .revoke(PortalFixture.PRACTICE, invitation("p1").id(), PortalFixture.STAFF);
                yield token;
            }
            case REPLACED_BY_RESEND -> {
                String token = f.inviteAndDeliver(f.newPatient("p1").build());
                f.portal
                        .invitations()
                        .resend(PortalFixture.PRACTICE, invitation("p1").id(), PortalFixture.STAFF);
                f.portal.dispatcher().drain();
                assertThat(f.email.lastToken()).isNotEqualTo(token);
                yield token;
            }
            case EXPIRED -> {
                String token = f.inviteAndDeliver(f.newPatient("p1").build());
                f.clock.set(invitation("p1").expiresAt().plusSeconds(1));
                yield token;
            }
            case USED -> {
                String token = f.inviteAndDeliver(f.newPatient("p1").build());
                f.portal
                        .registration()
                        .complete(new CompleteRegistration(
                                token, PortalFixture.GOOD_PASSWORD, PortalFixture.GOOD_PASSWORD, PortalFixture.DOB));
                yield token;
            }
            case UNKNOWN -> {
                f.inviteAndDeliver(f.newPatient("p1").build());
                yield "Q".repeat(43);
            }
            case MALFORMED -> "not-a-token";
        };
    }

    // --------------------------------------------------------------- E3: throttle and hard lock

    @Test
    void e3ThrottleStartsAtTheFifthFailureAndAttemptsRefusedWhileThrottledDoNotCount() {
        String email = register("p1", PortalFixture.GOOD_PASSWORD);
        for (int i = 1; i <= 4; i++) {
            f.portal.login().login(email, "wrong passphrase " + i);
            assertThat(account(email).throttledUntil())
                    .as("no delay after failure %d", i)
                    .isNull();
        }
        f.portal.login().login(email, "wrong passphrase 5");
        assertThat(account(email).throttledUntil())
                .as("delay after the 5th")
                .isEqualTo(f.clock.instant().plusSeconds(1));

        LoginResult whileThrottled = f.portal.login().login(email, PortalFixture.GOOD_PASSWORD);
        f.portal.login().login(email, "wrong passphrase 6");

        assertThat(whileThrottled)
                .as("even the right password, with the generic answer")
                .isSameAs(f.portal.login().login("nobody@example.org", "x"));
        assertThat(account(email).failedLogins())
                .as("refused attempts are not counted")
                .isEqualTo(5);
    }

    @Test
    void e3HardLockAtTheHundredthFailureNotTheNinetyNinthAndRightPasswordRefusedUntilUnlocked() {
        String email = register("p1", PortalFixture.GOOD_PASSWORD);
        for (int i = 1; i <= 99; i++) {
            f.clock.advance(Duration.ofMinutes(16)); // past the longest delay, so every attempt is checked
            f.portal.login().login(email, "wrong passphrase " + i);
        }
        assertThat(account(email).status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(account(email).failedLogins()).isEqualTo(99);

        f.clock.advance(Duration.ofMinutes(16));
        f.portal.login().login(email, "wrong passphrase 100");
        assertThat(account(email).status()).isEqualTo(AccountStatus.LOCKED);

        f.clock.advance(Duration.ofDays(30));
        assertThat(f.portal.login().login(email, PortalFixture.GOOD_PASSWORD))
                .isSameAs(f.portal.login().login("nobody@example.org", "x"));
        f.portal.login().unlock(account(email).id());
        assertThat(f.portal.login().login(email, PortalFixture.GOOD_PASSWORD).succeeded())
                .isTrue();
    }

    // --------------------------------------------------------- C2, C4, C5: password edge cases

    @Test
    void c4PasswordSetInFullWidthFormThenAsciiFormLogsInBecauseBothAreNfkcNormalised() {
        String fullWidth = "ｖｉｏｌｅｔ　ｋａｙａｋ　ｄｒｉｆｔｓ　ｏｖｅｒ　ｇｒａｎｉｔｅ";
        String email = register("p1", fullWidth);

        assertThat(f.portal
                        .login()
                        .login(email, "violet kayak drifts over granite")
                        .succeeded())
                .isTrue();
        assertThat(f.portal.login().login(email, fullWidth).succeeded()).isTrue();
        assertThat(f.portal
                        .login()
                        .login(email, "Violet kayak drifts over granite")
                        .succeeded())
                .as("no case folding (ASVS 6.2.8)")
                .isFalse();
    }

    @Test
    void c4PasswordComposedVersusDecomposedAccentThenTheSamePassword() {
        String composed = "crème brûlée under the café awning";
        String decomposed = java.text.Normalizer.normalize(composed, java.text.Normalizer.Form.NFD);
        assertThat(decomposed).isNotEqualTo(composed);
        String email = register("p1", decomposed);

        assertThat(f.portal.login().login(email, composed).succeeded()).isTrue();
    }

    @Test
    void c4PasswordWithEmojiAndOtherSupplementaryCharactersThenSetAndUsedVerbatim() {
        String emoji = "🦘🌏 kangaroo 🚀 to the 👩‍🚀 moon 𝄞";
        String email = register("p1", emoji);

        assertThat(f.portal.login().login(email, emoji).succeeded()).isTrue();
        assertThat(f.portal.login().login(email, emoji.replace("🦘", "🐨")).succeeded())
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 65, 200, 1024})
    void c2PasswordOfSixtyFourOrMoreCodePointsThenAcceptedUpToTheMaximumAndNotTruncated(int codePoints) {
        String longOne = longPassphrase(codePoints);
        String email = register("p1", longOne);

        assertThat(f.portal.login().login(email, longOne).succeeded()).isTrue();
        assertThat(f.portal
                        .login()
                        .login(email, longOne.substring(0, longOne.length() - 1) + "Z")
                        .succeeded())
                .as("the last character counts: nothing was cut off")
                .isFalse();
    }

    @Test
    void c2PasswordOfMoreThan1024CodePointsThenRejectedAndLinkStillUsable() {
        String token = f.inviteAndDeliver(f.newPatient("p1").build());
        String tooLong = longPassphrase(1025);

        assertThatThrownBy(() -> f.portal
                        .registration()
                        .complete(new CompleteRegistration(token, tooLong, tooLong, PortalFixture.DOB)))
                .isInstanceOfSatisfying(
                        PasswordRejectedException.class,
                        e -> assertThat(e.getMessage()).doesNotContain(tooLong.substring(0, 20)));
        assertThat(invitation("p1").status()).isNotEqualTo(InvitationStatus.ACCEPTED);
        f.portal
                .registration()
                .complete(new CompleteRegistration(
                        token, PortalFixture.GOOD_PASSWORD, PortalFixture.GOOD_PASSWORD, PortalFixture.DOB));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "PASSWORDSTANDARD",
                "PasswordStandard",
                "ｐａｓｓｗｏｒｄｓｔａｎｄａｒｄ",
                "MANCHESTERUNITED",
                "Sunrise Family Clinic 2026"
            })
    void c5BlocklistedOrContextPasswordInAnotherCaseOrWidthThenRejectedAtRegistration(String password) {
        String token = f.inviteAndDeliver(f.newPatient("p1").build());

        assertThatThrownBy(() -> f.portal
                        .registration()
                        .complete(new CompleteRegistration(token, password, password, PortalFixture.DOB)))
                .isInstanceOfSatisfying(
                        PasswordRejectedException.class,
                        e -> assertThat(e.passwordViolations())
                                .extracting(PasswordViolation::code)
                                .containsAnyOf(PasswordViolation.BLOCKLISTED, PasswordViolation.CONTEXT));
        assertThat(accounts()).isZero();
    }

    // ---------------------------------------------------------------------------- helpers

    private String register(String patientId, String password) {
        String token = f.inviteAndDeliver(f.newPatient(patientId).build());
        f.portal.registration().complete(new CompleteRegistration(token, password, password, PortalFixture.DOB));
        return "ada." + patientId + "@example.org";
    }

    /** A passphrase of exactly {@code codePoints} code points, not repetitive and on no list. */
    private static String longPassphrase(int codePoints) {
        String words = "amber lantern quietly folds seven paper cranes beside the northern harbour wall ";
        StringBuilder out = new StringBuilder();
        for (int i = 0; out.length() < codePoints; i++) {
            out.append(words).append(i).append(' ');
        }
        return out.substring(0, codePoints - 1) + "Q";
    }

    private Invitation invitation(String patientId) {
        return storage.invitations()
                .findByPatient(PortalFixture.PRACTICE, PatientId.of(patientId))
                .get(0);
    }

    private PortalAccount account(String email) {
        return storage.accounts().findByEmail(email).orElseThrow();
    }

    private int accounts() {
        return storage.accounts().findByEmail("ada.p1@example.org").isPresent() ? 1 : 0;
    }
}
