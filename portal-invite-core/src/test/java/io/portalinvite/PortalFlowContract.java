package io.portalinvite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalinvite.account.LoginService.LoginResult;
import io.portalinvite.account.PatientAccess;
import io.portalinvite.account.PortalAccount;
import io.portalinvite.account.PortalAccount.AccountStatus;
import io.portalinvite.account.PortalPrincipal;
import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.common.AccessKind;
import io.portalinvite.common.Channel;
import io.portalinvite.common.InviteeKind;
import io.portalinvite.common.PatientId;
import io.portalinvite.common.ValidationException;
import io.portalinvite.delivery.DefaultMessageComposer;
import io.portalinvite.delivery.EmailSender.EmailMessage;
import io.portalinvite.delivery.OutboundMessage;
import io.portalinvite.delivery.OutboundMessage.MessageStatus;
import io.portalinvite.delivery.SmsSender.SmsMessage;
import io.portalinvite.event.PortalEvent;
import io.portalinvite.invitation.DateOfBirthMismatchException;
import io.portalinvite.invitation.Invitation;
import io.portalinvite.invitation.Invitation.InvitationStatus;
import io.portalinvite.invitation.InvitationPreview;
import io.portalinvite.invitation.InviteResult;
import io.portalinvite.invitation.InviteResult.InviteOutcome;
import io.portalinvite.invitation.RegistrationService.CompleteRegistration;
import io.portalinvite.invitation.RegistrationService.RegistrationResult;
import io.portalinvite.invitation.ResendLimitExceededException;
import io.portalinvite.party.Relationship;
import io.portalinvite.password.Argon2Parameters;
import io.portalinvite.password.Argon2idPasswordHasher;
import io.portalinvite.password.PasswordCheck.PasswordRejectedException;
import io.portalinvite.settings.SettingsService.PortalDisabledException;
import io.portalinvite.storage.PortalStorage;
import io.portalinvite.testing.PortalFixture;
import io.portalinvite.token.LinkToken.InvalidLinkException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole workflow end to end — enable the portal, invite, deliver email and SMS notice, open the
 * link, set a password, log in — against a storage implementation. Each storage module subclasses
 * it to prove the flow on its technology.
 */
public abstract class PortalFlowContract {

    /** The fixture of the current test. */
    protected PortalFixture f;

    /**
     * Creates fresh, empty stores for one test.
     *
     * @return the storage under test
     */
    protected abstract PortalStorage newStorage();

    @BeforeEach
    void setUpPortal() {
        f = new PortalFixture(newStorage());
    }

    // --- step 1: the practice enables the portal -------------------------------------------------

    @Test
    void inviteWhenPortalDisabledThenRefusedAndNothingStored() {
        assertThatThrownBy(
                        () -> f.portal.invitations().invite(f.newPatient("p1").build()))
                .isInstanceOf(PortalDisabledException.class)
                .hasMessageContaining("not enabled");
        assertThat(f.portal.invitations().history(PortalFixture.PRACTICE, PatientId.of("p1")))
                .isEmpty();
        assertThat(f.portal.dispatcher().drain()).isZero();
    }

    @Test
    void enableThenDisableWhenToggledThenAuditedAndLinksStopWorking() {
        f.enablePortal();
        String token = f.inviteAndDeliver(f.newPatient("p1").build());
        f.portal.settings().disable(PortalFixture.PRACTICE, PortalFixture.STAFF);

        assertThatThrownBy(() -> f.portal.registration().preview(token)).isInstanceOf(InvalidLinkException.class);
        assertThat(f.portal.settings().get(PortalFixture.PRACTICE).enabled()).isFalse();
    }

    // --- step 2: new patient at booking, by email + SMS, optionally to a carer -------------------

    @Test
    void inviteNewPatientWhenEmailAndMobileThenEmailWithLinkAndSmsNoticeWithoutLink() {
        f.enablePortal();
        InviteResult result = f.portal.invitations().invite(f.newPatient("p1").build());

        assertThat(result.outcome()).isEqualTo(InviteOutcome.INVITED);
        Invitation invitation = Objects.requireNonNull(result.invitation());
        assertThat(invitation.status()).isEqualTo(InvitationStatus.PENDING);
        assertThat(invitation.channels()).containsExactlyInAnyOrder(Channel.EMAIL, Channel.SMS);
        assertThat(f.email.sent())
                .as("nothing is sent before the dispatcher runs")
                .isEmpty();

        f.portal.dispatcher().drain();

        EmailMessage email = f.email.last();
        assertThat(email.to().value()).isEqualTo("ada.p1@example.org");
        assertThat(email.subject()).isEqualTo(DefaultMessageComposer.SUBJECT);
        assertThat(email.textBody())
                .contains("Sunrise Family Clinic")
                .contains("Hello Ada")
                .contains("https://portal.sunrise.example/invitation?token=");
        assertThat(email.htmlBody()).contains("href=\"https://portal.sunrise.example/invitation?token=");
        String token = f.email.lastToken();

        assertThat(f.sms.sent()).hasSize(1);
        SmsMessage sms = f.sms.sent().get(0);
        assertThat(sms.to().e164()).isEqualTo("+61412345678");
        assertThat(sms.body())
                .contains("Sunrise Family Clinic")
                .contains("emailed you")
                .doesNotContain("http")
                .doesNotContain("www")
                .doesNotContain(token.substring(0, 8))
                .doesNotContain("Lovelace");
        assertThat(sms.body().length()).isLessThanOrEqualTo(160);

        Invitation sent = f.portal
                .invitations()
                .find(PortalFixture.PRACTICE, invitation.id())
                .orElseThrow();
        assertThat(sent.status()).isEqualTo(InvitationStatus.SENT);
        assertThat(f.events)
                .hasAtLeastOneElementOfType(PortalEvent.InvitationCreated.class)
                .filteredOn(e -> e instanceof PortalEvent.MessageSent)
                .hasSize(2);
    }

    @Test
    void inviteNewPatientWhenCarerGivenThenCarerReceivesAndGetsProxyAccess() {
        f.enablePortal();
        InviteResult result = f.portal
                .invitations()
                .invite(f.newPatient("child-1")
                        .name("Mia", "Nguyen")
                        .email(null)
                        .mobile(null)
                        .dateOfBirth(LocalDate.of(2019, 4, 2))
                        .carer("Linh", "Nguyen", "linh.nguyen@example.org", "0413 222 333", Relationship.PARENT)
                        .build());
        assertThat(Objects.requireNonNull(result.invitation()).invitee().kind()).isEqualTo(InviteeKind.CARER);
        f.portal.dispatcher().drain();

        assertThat(f.email.last().to().value()).isEqualTo("linh.nguyen@example.org");
        assertThat(f.email.last().textBody())
                .contains("Hello Linh")
                .contains("care of Mia")
                .contains("parent");
        assertThat(f.sms.sent()).extracting(s -> s.to().e164()).containsExactly("+61413222333");

        InvitationPreview preview = f.portal.registration().preview(f.email.lastToken());
        assertThat(preview.inviteeKind()).isEqualTo(InviteeKind.CARER);
        assertThat(preview.patientFirstName()).isEqualTo("Mia");

        RegistrationResult registered = f.portal
                .registration()
                .complete(new CompleteRegistration(
                        f.email.lastToken(),
                        PortalFixture.GOOD_PASSWORD,
                        PortalFixture.GOOD_PASSWORD,
                        LocalDate.of(2019, 4, 2)));
        assertThat(registered.access().kind()).isEqualTo(AccessKind.PROXY);
        assertThat(registered.access().relationship()).isEqualTo(Relationship.PARENT);
        assertThat(registered.email().value()).isEqualTo("linh.nguyen@example.org");

        PortalPrincipal principal = f.portal
                .login()
                .login("linh.nguyen@example.org", PortalFixture.GOOD_PASSWORD)
                .principal()
                .orElseThrow();
        assertThat(principal.access()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AccessKind.PROXY);
            assertThat(a.patientId()).isEqualTo(PatientId.of("child-1"));
        });
    }

    @Test
    void completeWhenCarerAlreadyHasAccountThenSecondChildAddedToSameAccount() {
        f.enablePortal();
        String first = f.inviteAndDeliver(f.newPatient("child-1")
                .name("Mia", "Nguyen")
                .email(null)
                .carer("Linh", "Nguyen", "linh.nguyen@example.org", null, Relationship.PARENT)
                .build());
        register(first);
        String second = f.inviteAndDeliver(f.newPatient("child-2")
                .name("Kai", "Nguyen")
                .email(null)
                .carer("Linh", "Nguyen", "Linh.Nguyen@example.org", null, Relationship.PARENT)
                .build());

        assertThatThrownBy(() -> f.portal
                        .registration()
                        .complete(new CompleteRegistration(
                                second,
                                "a different but long passphrase",
                                "a different but long passphrase",
                                PortalFixture.DOB)))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).hasViolationFor("password"))
                        .isTrue());
        RegistrationResult added = register(second);

        assertThat(added.newAccount()).isFalse();
        PortalPrincipal principal = login("linh.nguyen@example.org").principal().orElseThrow();
        assertThat(principal.access())
                .extracting(PatientAccess::patientId)
                .containsExactlyInAnyOrder(PatientId.of("child-1"), PatientId.of("child-2"));
    }

    @Test
    void invitesExistingAccountWhenCarerHasOneThenTrueForTheSecondChildOnly() {
        f.enablePortal();
        String first = f.inviteAndDeliver(f.newPatient("child-1")
                .name("Mia", "Nguyen")
                .email(null)
                .carer("Linh", "Nguyen", "linh.nguyen@example.org", null, Relationship.PARENT)
                .build());
        assertThat(f.portal.registration().invitesExistingAccount(first)).isFalse();
        register(first);
        String second = f.inviteAndDeliver(f.newPatient("child-2")
                .name("Kai", "Nguyen")
                .email(null)
                .carer("Linh", "Nguyen", "linh.nguyen@example.org", null, Relationship.PARENT)
                .build());

        assertThat(f.portal.registration().invitesExistingAccount(second)).isTrue();
        assertThatThrownBy(() -> f.portal.registration().invitesExistingAccount(first))
                .as("a used link answers like every unusable one")
                .isInstanceOf(InvalidLinkException.class);
    }

    @Test
    void holderOfUsedLinkWhenTheAccountsPasswordIsGivenThenTheAccountOtherwiseEmpty() {
        f.enablePortal();
        String used = f.inviteAndDeliver(f.newPatient("p1").build());
        String live = f.inviteAndDeliver(f.newPatient("p2").build());
        assertThat(f.portal.registration().holderOfUsedLink(used, PortalFixture.GOOD_PASSWORD))
                .as("not used yet")
                .isEmpty();
        register(used);

        assertThat(f.portal.registration().holderOfUsedLink(used, PortalFixture.GOOD_PASSWORD))
                .hasValueSatisfying(email -> assertThat(email.value()).isEqualTo("ada.p1@example.org"));
        assertThat(f.portal.registration().holderOfUsedLink(used, "not the password of that account"))
                .isEmpty();
        assertThat(f.portal.registration().holderOfUsedLink(used, "")).isEmpty();
        assertThat(f.portal.registration().holderOfUsedLink(live, PortalFixture.GOOD_PASSWORD))
                .as("a live link proves nothing")
                .isEmpty();
        assertThat(f.portal.registration().holderOfUsedLink("A".repeat(43), PortalFixture.GOOD_PASSWORD))
                .isEmpty();
        assertThat(f.portal.registration().holderOfUsedLink("not a token", PortalFixture.GOOD_PASSWORD))
                .isEmpty();
    }

    // --- step 3: existing patient from the demographic window, email only -----------------------

    @Test
    void inviteExistingPatientWhenDefaultThenEmailOnly() {
        f.enablePortal();
        InviteResult result =
                f.portal.invitations().invite(f.existingPatient("p9").build());

        assertThat(Objects.requireNonNull(result.invitation()).channels()).containsExactly(Channel.EMAIL);
        f.portal.dispatcher().drain();
        assertThat(f.email.sent()).hasSize(1);
        assertThat(f.email.last().to().value()).isEqualTo("grace.p9@example.org");
        assertThat(f.sms.sent()).isEmpty();
    }

    @Test
    void inviteWhenSmsNoticeOffInSettingsThenNoSmsAndNoticeReturned() {
        f.enablePortal(b -> b.smsNotice(false));
        InviteResult result = f.portal.invitations().invite(f.newPatient("p1").build());

        assertThat(Objects.requireNonNull(result.invitation()).channels()).containsExactly(Channel.EMAIL);
        assertThat(result.notices()).anyMatch(n -> n.contains("SMS"));
        f.portal.dispatcher().drain();
        assertThat(f.sms.sent()).isEmpty();
    }

    @Test
    void inviteWhenLiveInvitationExistsThenSameInvitationReturnedAndNothingSentAgain() {
        f.enablePortal();
        Invitation first = Objects.requireNonNull(
                f.portal.invitations().invite(f.newPatient("p1").build()).invitation());
        f.portal.dispatcher().drain();

        InviteResult again = f.portal.invitations().invite(f.newPatient("p1").build());

        assertThat(again.outcome()).isEqualTo(InviteOutcome.ALREADY_INVITED);
        assertThat(Objects.requireNonNull(again.invitation()).id()).isEqualTo(first.id());
        assertThat(f.portal.dispatcher().drain()).isZero();
        assertThat(f.email.sent()).hasSize(1);
    }

    @Test
    void inviteWhenLiveAndResendRequestedThenNewLinkAndOldDies() {
        f.enablePortal();
        String oldToken = f.inviteAndDeliver(f.newPatient("p1").build());

        InviteResult again = f.portal
                .invitations()
                .invite(f.newPatient("p1").resendIfInvited(true).build());
        f.portal.dispatcher().drain();

        assertThat(again.outcome()).isEqualTo(InviteOutcome.RESENT);
        assertThat(f.email.lastToken()).isNotEqualTo(oldToken);
        assertThatThrownBy(() -> f.portal.registration().preview(oldToken)).isInstanceOf(InvalidLinkException.class);
    }

    @Test
    void inviteWhenHostTransactionRollsBackThenNothingStoredAndNothingSent() {
        f.enablePortal();
        assertThatThrownBy(() -> f.storage.transactions().inTransaction(() -> {
                    f.portal.invitations().invite(f.newPatient("p1").build());
                    throw new IllegalStateException("the host's patient save failed");
                }))
                .hasMessageContaining("patient save failed");

        assertThat(f.portal.invitations().history(PortalFixture.PRACTICE, PatientId.of("p1")))
                .isEmpty();
        assertThat(f.portal.invitations().auditTrail(PortalFixture.PRACTICE, PatientId.of("p1")))
                .isEmpty();
        assertThat(f.portal.dispatcher().drain()).isZero();
        assertThat(f.email.sent()).isEmpty();
        assertThat(f.events).noneMatch(e -> e instanceof PortalEvent.InvitationCreated);
    }

    @Test
    void inviteWhenAlreadyRegisteredThenClearOutcomeAndNothingSent() {
        f.enablePortal();
        register(f.inviteAndDeliver(f.newPatient("p1").build()));
        f.email.clear();

        InviteResult again = f.portal.invitations().invite(f.newPatient("p1").build());

        assertThat(again.outcome()).isEqualTo(InviteOutcome.ALREADY_REGISTERED);
        assertThat(again.invitation()).isNull();
        assertThat(again.notices()).singleElement().asString().contains("already has Patient Portal access");
        assertThat(f.portal.dispatcher().drain()).isZero();
        assertThat(f.email.sent()).isEmpty();
    }

    // --- step 4/5: open the link (preview) and set the password ----------------------------------

    @Test
    void previewWhenOpenedManyTimesThenLinkStillCompletesRegistration() {
        f.enablePortal();
        String token = f.inviteAndDeliver(f.newPatient("p1").build());

        for (int i = 0; i < 10; i++) {
            InvitationPreview preview = f.portal.registration().preview(token);
            assertThat(preview.practiceName()).isEqualTo("Sunrise Family Clinic");
            assertThat(preview.inviteeFirstName()).isEqualTo("Ada");
            assertThat(preview.maskedEmail()).isEqualTo("a***@example.org");
            assertThat(preview.dateOfBirthRequired()).isTrue();
            assertThat(preview.expiresAt()).isEqualTo(PortalFixture.START.plus(Duration.ofDays(7)));
            assertThat(preview.timeZone()).isEqualTo(java.time.ZoneId.of("Australia/Sydney"));
            assertThat(preview.locale()).isEqualTo(java.util.Locale.forLanguageTag("en-AU"));
        }
        Invitation invitation = onlyInvitation("p1");
        assertThat(invitation.status()).isEqualTo(InvitationStatus.SENT);
        assertThat(invitation.dateOfBirthFailures()).isZero();
        assertThat(register(token).newAccount()).isTrue();
        assertThat(actions("p1"))
                .filteredOn(a -> a == AuditAction.INVITATION_VIEWED)
                .hasSize(10);
    }

    @Test
    void completeRegistrationWhenValidThenAccountActiveWithSelfAccessAndLinkUsedUp() {
        f.enablePortal();
        String token = f.inviteAndDeliver(f.newPatient("p1").build());

        RegistrationResult result = register(token);

        assertThat(result.newAccount()).isTrue();
        assertThat(result.access().kind()).isEqualTo(AccessKind.SELF);
        assertThat(result.access().patientId()).isEqualTo(PatientId.of("p1"));
        PortalAccount account =
                f.storage.accounts().findById(result.accountId()).orElseThrow();
        assertThat(account.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(account.email().value()).isEqualTo("ada.p1@example.org");
        assertThat(account.passwordHash()).startsWith("$argon2id$").doesNotContain(PortalFixture.GOOD_PASSWORD);
        assertThat(onlyInvitation("p1").status()).isEqualTo(InvitationStatus.ACCEPTED);
        assertThat(f.events).anyMatch(e -> e instanceof PortalEvent.InvitationAccepted);

        assertThatThrownBy(() -> register(token))
                .isInstanceOf(InvalidLinkException.class)
                .hasMessage(InvalidLinkException.MESSAGE);
        assertThatThrownBy(() -> f.portal.registration().preview(token)).isInstanceOf(InvalidLinkException.class);
    }

    @Test
    void completeRegistrationWhenConfirmationDiffersThenRejectedBeforeHashing() {
        f.enablePortal();
        String token = f.inviteAndDeliver(f.newPatient("p1").build());

        assertThatThrownBy(() -> f.portal
                        .registration()
                        .complete(new CompleteRegistration(
                                token,
                                PortalFixture.GOOD_PASSWORD,
                                PortalFixture.GOOD_PASSWORD + "x",
                                PortalFixture.DOB)))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).hasViolationFor("passwordConfirmation"))
                        .isTrue());
        assertThat(register(token).newAccount()).isTrue();
    }

    @Test
    void completeRegistrationWhenPasswordBreaksPolicyThenRejectedAndLinkStillUsable() {
        f.enablePortal();
        String token = f.inviteAndDeliver(f.newPatient("p1").build());

        for (String bad : List.of("short pass", "passwordpassword", "Sunrise Family Clinic 2026!!")) {
            assertThatThrownBy(() -> f.portal
                            .registration()
                            .complete(new CompleteRegistration(token, bad, bad, PortalFixture.DOB)))
                    .as(bad)
                    .isInstanceOf(PasswordRejectedException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(bad));
        }
        assertThat(register(token).newAccount()).isTrue();
    }

    @Test
    void completeRegistrationWhenLinkExpiredThenGenericFailure() {
        f.enablePortal(b -> b.invitationLifetime(Duration.ofHours(24)));
        String token = f.inviteAndDeliver(f.newPatient("p1").build());

        f.clock.advance(Duration.ofHours(24).minusSeconds(1));
        assertThat(f.portal.registration().preview(token).inviteeFirstName()).isEqualTo("Ada");
        f.clock.advance(Duration.ofSeconds(2));

        assertThatThrownBy(() -> f.portal.registration().preview(token)).isInstanceOf(InvalidLinkException.class);
        assertThatThrownBy(() -> register(token))
                .isInstanceOf(InvalidLinkException.class)
                .hasMessage(InvalidLinkException.MESSAGE);
        assertThat(onlyInvitation("p1").effectiveStatus(f.clock.instant())).isEqualTo(InvitationStatus.EXPIRED);
    }

    @Test
    void inviteWhenPreviousInvitationExpiredThenItIsMarkedExpiredAndANewOneMade() {
        f.enablePortal();
        String oldToken = f.inviteAndDeliver(f.newPatient("p1").build());
        f.clock.advance(Duration.ofDays(8));

        InviteResult result = f.portal.invitations().invite(f.newPatient("p1").build());

        assertThat(result.outcome()).isEqualTo(InviteOutcome.INVITED);
        assertThat(f.events).anyMatch(e -> e instanceof PortalEvent.InvitationExpired);
        List<Invitation> history = f.portal.invitations().history(PortalFixture.PRACTICE, PatientId.of("p1"));
        assertThat(history)
                .extracting(Invitation::status)
                .containsExactly(InvitationStatus.EXPIRED, InvitationStatus.PENDING);
        f.portal.dispatcher().drain();
        assertThatThrownBy(() -> register(oldToken)).isInstanceOf(InvalidLinkException.class);
        assertThat(register(f.email.lastToken()).newAccount()).isTrue();
    }

    @Test
    void completeRegistrationWhenRevokedThenGenericFailureAndQueuedMessagesCancelled() {
        f.enablePortal();
        Invitation invitation = Objects.requireNonNull(
                f.portal.invitations().invite(f.newPatient("p1").build()).invitation());

        Invitation revoked =
                f.portal.invitations().revoke(PortalFixture.PRACTICE, invitation.id(), PortalFixture.STAFF);

        assertThat(revoked.status()).isEqualTo(InvitationStatus.REVOKED);
        assertThat(f.portal.dispatcher().drain()).isZero();
        assertThat(f.email.sent()).isEmpty();
        assertThat(f.portal.invitations().deliveries(PortalFixture.PRACTICE, invitation.id()))
                .extracting(OutboundMessage::status)
                .containsOnly(MessageStatus.CANCELLED);
    }

    @Test
    void completeRegistrationWhenRevokedAfterDeliveryThenOldLinkRefused() {
        f.enablePortal();
        String token = f.inviteAndDeliver(f.newPatient("p1").build());
        f.portal
                .invitations()
                .revoke(PortalFixture.PRACTICE, onlyInvitation("p1").id(), PortalFixture.STAFF);

        assertThatThrownBy(() -> register(token))
                .isInstanceOf(InvalidLinkException.class)
                .hasMessage(InvalidLinkException.MESSAGE);
    }

    @Test
    void resendWhenLinkWasSentThenOldLinkDiesNewLinkWorksAndExpiryRefreshed() {
        f.enablePortal();
        String oldToken = f.inviteAndDeliver(f.newPatient("p1").build());
        Invitation before = onlyInvitation("p1");
        f.clock.advance(Duration.ofDays(2));

        Invitation resent = f.portal.invitations().resend(PortalFixture.PRACTICE, before.id(), PortalFixture.STAFF);
        f.portal.dispatcher().drain();
        String newToken = f.email.lastToken();

        assertThat(newToken).isNotEqualTo(oldToken);
        assertThat(resent.expiresAt()).isEqualTo(f.clock.instant().plus(Duration.ofDays(7)));
        assertThat(resent.resendCount()).isEqualTo(1);
        assertThatThrownBy(() -> f.portal.registration().preview(oldToken)).isInstanceOf(InvalidLinkException.class);
        assertThatThrownBy(() -> register(oldToken)).isInstanceOf(InvalidLinkException.class);
        assertThat(register(newToken).newAccount()).isTrue();
        assertThat(f.email.sent()).hasSize(2);
        assertThat(f.sms.sent()).hasSize(2);
    }

    @Test
    void resendWhenOldEmailStillQueuedThenOnlyTheNewLinkIsSent() {
        f.enablePortal();
        Invitation invitation = Objects.requireNonNull(
                f.portal.invitations().invite(f.newPatient("p1").build()).invitation());
        f.portal.invitations().resend(PortalFixture.PRACTICE, invitation.id(), PortalFixture.STAFF);

        f.portal.dispatcher().drain();

        assertThat(f.email.sent()).hasSize(1);
        assertThat(register(f.email.lastToken()).newAccount()).isTrue();
    }

    @Test
    void resendWhenHourlyLimitReachedThenRefusedWithRetryTime() {
        f.enablePortal();
        Invitation invitation = Objects.requireNonNull(
                f.portal.invitations().invite(f.newPatient("p1").build()).invitation());
        for (int i = 0; i < 3; i++) {
            f.clock.advance(Duration.ofMinutes(1));
            f.portal.invitations().resend(PortalFixture.PRACTICE, invitation.id(), PortalFixture.STAFF);
        }

        assertThatThrownBy(() ->
                        f.portal.invitations().resend(PortalFixture.PRACTICE, invitation.id(), PortalFixture.STAFF))
                .isInstanceOf(ResendLimitExceededException.class)
                .satisfies(e -> assertThat(((ResendLimitExceededException) e).retryAfter())
                        .isEqualTo(PortalFixture.START.plus(Duration.ofMinutes(61))));
        f.clock.advance(Duration.ofHours(1));
        assertThat(f.portal
                        .invitations()
                        .resend(PortalFixture.PRACTICE, invitation.id(), PortalFixture.STAFF)
                        .resendCount())
                .isEqualTo(4);
    }

    @Test
    void completeRegistrationWhenDateOfBirthWrongThenCountedAndLinkRevokedAtLimit() {
        f.enablePortal(b -> b.maxDateOfBirthAttempts(3));
        String token = f.inviteAndDeliver(f.newPatient("p1").build());
        LocalDate wrong = PortalFixture.DOB.plusDays(1);

        for (int remaining = 2; remaining >= 0; remaining--) {
            int expected = remaining;
            assertThatThrownBy(() -> f.portal
                            .registration()
                            .complete(new CompleteRegistration(
                                    token, PortalFixture.GOOD_PASSWORD, PortalFixture.GOOD_PASSWORD, wrong)))
                    .isInstanceOf(DateOfBirthMismatchException.class)
                    .satisfies(e -> assertThat(((DateOfBirthMismatchException) e).attemptsRemaining())
                            .isEqualTo(expected));
        }

        assertThat(onlyInvitation("p1").status()).isEqualTo(InvitationStatus.REVOKED);
        assertThatThrownBy(() -> register(token)).isInstanceOf(InvalidLinkException.class);
        assertThat(actions("p1"))
                .filteredOn(a -> a == AuditAction.DATE_OF_BIRTH_FAILED)
                .hasSize(3);
    }

    @Test
    void completeRegistrationWhenDateOfBirthMissingThenFieldRequiredAndNotCounted() {
        f.enablePortal();
        String token = f.inviteAndDeliver(f.newPatient("p1").build());

        assertThatThrownBy(() -> f.portal
                        .registration()
                        .complete(new CompleteRegistration(
                                token, PortalFixture.GOOD_PASSWORD, PortalFixture.GOOD_PASSWORD, null)))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).hasViolationFor("dateOfBirth"))
                        .isTrue());
        assertThat(onlyInvitation("p1").dateOfBirthFailures()).isZero();
    }

    @Test
    void completeRegistrationWhenDateOfBirthCheckOffThenNotAsked() {
        f.enablePortal(b -> b.dateOfBirthCheck(false));
        String token = f.inviteAndDeliver(f.newPatient("p1").build());

        assertThat(f.portal.registration().preview(token).dateOfBirthRequired()).isFalse();
        assertThat(f.portal
                        .registration()
                        .complete(new CompleteRegistration(
                                token, PortalFixture.GOOD_PASSWORD, PortalFixture.GOOD_PASSWORD, null))
                        .newAccount())
                .isTrue();
    }

    @Test
    void previewWhenTokenMalformedOrUnknownThenSameGenericFailure() {
        f.enablePortal();
        f.inviteAndDeliver(f.newPatient("p1").build());

        for (String bad : List.of(
                "",
                "short",
                "x".repeat(43),
                "A".repeat(44),
                "' OR 1=1 --",
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n")) {
            assertThatThrownBy(() -> f.portal.registration().preview(bad))
                    .isInstanceOf(InvalidLinkException.class)
                    .hasMessage(InvalidLinkException.MESSAGE);
        }
    }

    // --- step 6: log in --------------------------------------------------------------------------

    @Test
    void loginWhenRegisteredThenSucceedsWithPatientsToActFor() {
        f.enablePortal();
        register(f.inviteAndDeliver(f.newPatient("p1").build()));

        LoginResult result = f.portal.login().login("ADA.p1@Example.org", PortalFixture.GOOD_PASSWORD);

        assertThat(result.succeeded()).isTrue();
        assertThat(f.events)
                .filteredOn(e -> e instanceof PortalEvent.LoginSucceeded)
                .hasSize(1);
        PortalPrincipal principal = result.principal().orElseThrow();
        assertThat(principal.email().value()).isEqualTo("ada.p1@example.org");
        assertThat(principal.access()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AccessKind.SELF);
            assertThat(a.practiceId()).isEqualTo(PortalFixture.PRACTICE);
        });
    }

    @Test
    void loginWhenWrongPasswordOrUnknownEmailThenIdenticalOutcome() {
        f.enablePortal();
        register(f.inviteAndDeliver(f.newPatient("p1").build()));

        LoginResult wrongPassword = f.portal.login().login("ada.p1@example.org", "not the right passphrase");
        LoginResult unknown = f.portal.login().login("nobody@example.org", "not the right passphrase");
        LoginResult malformed = f.portal.login().login("not an email", "not the right passphrase");

        assertThat(wrongPassword).isSameAs(unknown).isSameAs(malformed);
        assertThat(wrongPassword.succeeded()).isFalse();
        assertThat(wrongPassword.message()).isEqualTo(LoginResult.FAILURE_MESSAGE);
        assertThat(f.events)
                .filteredOn(e -> e instanceof PortalEvent.LoginFailed)
                .extracting(e -> ((PortalEvent.LoginFailed) e).reason())
                .containsExactly("wrong_password", "unknown_account", "unknown_account");
    }

    @Test
    void loginWhenRepeatedFailuresThenThrottledFromFifthAndResetBySuccess() {
        f.enablePortal();
        register(f.inviteAndDeliver(f.newPatient("p1").build()));
        String email = "ada.p1@example.org";
        for (int i = 1; i <= 4; i++) {
            assertThat(f.portal.login().login(email, "wrong passphrase " + i).succeeded())
                    .isFalse();
        }
        assertThat(login(email).succeeded())
                .as("no delay before the 5th failure")
                .isTrue();

        for (int i = 1; i <= 5; i++) {
            f.portal.login().login(email, "wrong passphrase " + i);
        }
        assertThat(login(email).succeeded())
                .as("throttled right after the 5th failure")
                .isFalse();
        f.clock.advance(Duration.ofMillis(1001));
        assertThat(login(email).succeeded()).as("allowed after the 1 s delay").isTrue();
        assertThat(account(email).failedLogins()).isZero();
    }

    @Test
    void loginWhenHundredFailuresThenLockedUntilUnlocked() {
        f.enablePortal();
        register(f.inviteAndDeliver(f.newPatient("p1").build()));
        String email = "ada.p1@example.org";
        for (int i = 1; i <= 100; i++) {
            f.clock.advance(Duration.ofMinutes(16));
            f.portal.login().login(email, "wrong passphrase " + i);
        }
        assertThat(account(email).status()).isEqualTo(AccountStatus.LOCKED);
        f.clock.advance(Duration.ofDays(1));

        assertThat(login(email).succeeded()).isFalse();
        assertThat(f.events).anyMatch(e -> e instanceof PortalEvent.AccountLocked);
        f.portal.login().unlock(account(email).id());
        assertThat(login(email).succeeded()).isTrue();
    }

    @Test
    void loginWhenStoredHashIsWeakerThanPolicyThenRehashedOnSuccessOnly() {
        f.enablePortal();
        register(f.inviteAndDeliver(f.newPatient("p1").build()));
        String email = "ada.p1@example.org";
        String weak = account(email).passwordHash();
        assertThat(weak).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
        PortalFixture stronger = new PortalFixture(
                f.storage, b -> b.passwordHasher(new Argon2idPasswordHasher(new Argon2Parameters(2048, 2, 1))));

        assertThat(stronger.portal.login().login(email, "wrong passphrase here").succeeded())
                .isFalse();
        assertThat(account(email).passwordHash())
                .as("a failed login never rewrites the hash")
                .isEqualTo(weak);

        assertThat(stronger.portal
                        .login()
                        .login(email, PortalFixture.GOOD_PASSWORD)
                        .succeeded())
                .isTrue();
        String upgraded = account(email).passwordHash();
        assertThat(upgraded).startsWith("$argon2id$v=19$m=2048,t=2,p=1$");
        assertThat(stronger.portal
                        .login()
                        .login(email, PortalFixture.GOOD_PASSWORD)
                        .succeeded())
                .isTrue();
    }

    // --- the whole workflow, as the audit trail records it ---------------------------------------

    @Test
    void wholeWorkflowWhenRunThenAuditTrailRecordsEachStepInOrder() {
        f.enablePortal();
        String token = f.inviteAndDeliver(f.newPatient("p1").build());
        f.portal.registration().preview(token);
        register(token);
        assertThat(login("ada.p1@example.org").succeeded()).isTrue();

        List<AuditEvent> trail = f.portal.invitations().auditTrail(PortalFixture.PRACTICE, PatientId.of("p1"));
        assertThat(trail)
                .extracting(AuditEvent::action)
                .containsExactly(
                        AuditAction.INVITATION_CREATED,
                        AuditAction.DELIVERY_SENT,
                        AuditAction.DELIVERY_SENT,
                        AuditAction.INVITATION_VIEWED,
                        AuditAction.ACCESS_GRANTED,
                        AuditAction.INVITATION_ACCEPTED,
                        AuditAction.PASSWORD_SET);
        assertThat(trail.get(1).channel()).isEqualTo(Channel.EMAIL);
        assertThat(trail.get(2).channel()).isEqualTo(Channel.SMS);
        assertThat(trail).allSatisfy(e -> assertThat(e.occurredAt()).isNotNull());
        assertThat(trail.get(0).actor()).isEqualTo("staff:" + PortalFixture.STAFF);
    }

    @Test
    void removeAccessWhenToggledOffThenGrantRevokedAtThisPracticeOnly() {
        f.enablePortal();
        register(f.inviteAndDeliver(f.newPatient("p1").build()));

        io.portalinvite.invitation.InvitationService.AccessRemoval removal =
                f.portal.invitations().removeAccess(PortalFixture.PRACTICE, PatientId.of("p1"), PortalFixture.STAFF);

        assertThat(removal.grants()).isEqualTo(1);
        assertThat(login("ada.p1@example.org").principal().orElseThrow().access())
                .isEmpty();
        InviteResult again = f.portal.invitations().invite(f.newPatient("p1").build());
        assertThat(again.outcome()).isEqualTo(InviteOutcome.INVITED);
    }

    // --- helpers ---------------------------------------------------------------------------------

    /**
     * Completes registration with the fixture's good password and date of birth.
     *
     * @param token the link's token
     * @return the result
     */
    protected RegistrationResult register(String token) {
        return f.portal
                .registration()
                .complete(new CompleteRegistration(
                        token, PortalFixture.GOOD_PASSWORD, PortalFixture.GOOD_PASSWORD, PortalFixture.DOB));
    }

    private LoginResult login(String email) {
        return f.portal.login().login(email, PortalFixture.GOOD_PASSWORD);
    }

    private PortalAccount account(String email) {
        return f.storage
                .accounts()
                .findByEmail(email.toLowerCase(java.util.Locale.ROOT))
                .orElseThrow();
    }

    private Invitation onlyInvitation(String patientId) {
        List<Invitation> all = f.portal.invitations().history(PortalFixture.PRACTICE, PatientId.of(patientId));
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private List<AuditAction> actions(String patientId) {
        return f.portal.invitations().auditTrail(PortalFixture.PRACTICE, PatientId.of(patientId)).stream()
                .map(AuditEvent::action)
                .toList();
    }
}
