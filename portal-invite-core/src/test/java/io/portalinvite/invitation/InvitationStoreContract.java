package io.portalinvite.invitation;

import static io.portalinvite.testing.StoreTestData.OTHER_PRACTICE;
import static io.portalinvite.testing.StoreTestData.PRACTICE;
import static io.portalinvite.testing.StoreTestData.STAFF;
import static io.portalinvite.testing.StoreTestData.T0;
import static io.portalinvite.testing.StoreTestData.at;
import static io.portalinvite.testing.StoreTestData.invitation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.common.Actor;
import io.portalinvite.common.Channel;
import io.portalinvite.common.InvitationId;
import io.portalinvite.common.InviteeKind;
import io.portalinvite.common.PatientId;
import io.portalinvite.common.RevocationReason;
import io.portalinvite.delivery.OutboundMessage;
import io.portalinvite.internal.invitation.DateOfBirthAttempt;
import io.portalinvite.invitation.Invitation.InvitationOrigin;
import io.portalinvite.invitation.Invitation.InvitationStatus;
import io.portalinvite.party.Carer;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.party.Patient;
import io.portalinvite.party.PersonName;
import io.portalinvite.party.PhoneNumber;
import io.portalinvite.party.Relationship;
import io.portalinvite.storage.PortalStorage;
import io.portalinvite.testing.Race;
import io.portalinvite.testing.StoreTestData;
import io.portalinvite.token.TokenDigest;
import io.portalinvite.token.TokenNonce;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link InvitationStore} must have, as its Javadoc states it: exact round trips,
 * lookup by the current token digest only, at most one open invitation per practice, patient and
 * invitee email, optimistic updates, single-use redemption that holds under concurrency, and
 * all-or-nothing transactions.
 *
 * <p>To check an implementation, subclass this in the implementation's test sources and return a
 * fresh, empty {@link PortalStorage} from {@link #newStorage()} (for a database: a new schema, or
 * emptied tables). The tests use only the SPI interfaces and do every write inside
 * {@code storage.transactions().inTransaction(...)}, as the services do. Times are fixed, with at
 * most microsecond precision, so a store must keep instants to the microsecond.
 */
public abstract class InvitationStoreContract {

    /** The storage of the current test. */
    protected PortalStorage storage;

    private InvitationStore store;

    /**
     * Creates fresh, empty stores for one test.
     *
     * @return the storage under test
     */
    protected abstract PortalStorage newStorage();

    @BeforeEach
    void createStorage() {
        storage = newStorage();
        store = storage.invitations();
    }

    // --- insert and findById ---------------------------------------------------------------------

    @Test
    void insertThenFindByIdReturnsEveryFieldUnchanged() {
        InvitationId id = InvitationId.random();
        TokenNonce nonce = StoreTestData.nonce();
        Patient patient = new Patient(
                PatientId.of("MRN:0042-a"),
                new PersonName("Zoë", "Ó Briain"),
                LocalDate.of(1956, 12, 9),
                EmailAddress.of("Zoe.OBriain@Example.org"),
                new PhoneNumber("+61412345678"));
        Invitation invitation = Invitation.builder()
                .id(id)
                .practiceId(PRACTICE)
                .patient(patient)
                .invitee(Invitee.patient(patient))
                .channels(EnumSet.of(Channel.EMAIL, Channel.SMS))
                .origin(InvitationOrigin.EXISTING_PATIENT)
                .status(InvitationStatus.SENT)
                .tokenNonce(nonce)
                .tokenDigest(StoreTestData.digest(id, nonce))
                .issuedAt(T0.plusNanos(123_456_000))
                .expiresAt(T0.plus(Duration.ofDays(7)).plusNanos(1_000))
                .createdAt(T0.minusSeconds(86_400).plusNanos(999_999_000))
                .createdBy(STAFF)
                .resendCount(2)
                .dateOfBirthFailures(1)
                .updatedAt(T0.plusSeconds(5).plusNanos(654_321_000))
                .version(1)
                .language(java.util.Locale.forLanguageTag("zh-Hans"))
                .build();

        insert(invitation);

        assertSame(store.findById(id), invitation);
        assertThat(store.findById(id).orElseThrow().language()).isEqualTo(java.util.Locale.forLanguageTag("zh-Hans"));
    }

    @Test
    void insertThenFindByIdWhenCarerInviteeAndNoContactDetailsThenRoundTrips() {
        Patient patient =
                new Patient(PatientId.of("p-7"), new PersonName("Li", "Wei"), LocalDate.of(2019, 2, 28), null, null);
        Carer carer = new Carer(
                new PersonName("Mei", "Wei"), EmailAddress.of("Mei.Wei@Example.org"), null, Relationship.GUARDIAN);
        Invitation invitation = invitation()
                .patient(patient)
                .carer(carer)
                .channels(EnumSet.of(Channel.EMAIL))
                .origin(InvitationOrigin.NEW_PATIENT)
                .status(InvitationStatus.DELIVERY_FAILED)
                .build();

        insert(invitation);

        Invitation found = store.findById(invitation.id()).orElseThrow();
        assertSame(Optional.of(found), invitation);
        assertThat(found.invitee().kind()).isEqualTo(InviteeKind.CARER);
        assertThat(found.invitee().relationship()).isEqualTo(Relationship.GUARDIAN);
        assertThat(found.invitee().mobile()).isNull();
        assertThat(found.patient().email()).isNull();
        assertThat(found.patient().mobile()).isNull();
        assertThat(found.channels()).containsExactly(Channel.EMAIL);
    }

    @Test
    void findByIdWhenUnknownThenEmpty() {
        insert(invitation().build());

        assertThat(store.findById(InvitationId.random())).isEmpty();
    }

    // --- findByTokenDigest -----------------------------------------------------------------------

    @Test
    void findByTokenDigestWhenCurrentDigestThenFound() {
        Invitation invitation = invitation().build();
        insert(invitation);

        assertSame(store.findByTokenDigest(invitation.tokenDigest()), invitation);
    }

    @Test
    void findByTokenDigestWhenUnknownDigestThenEmpty() {
        insert(invitation().build());

        assertThat(store.findByTokenDigest(StoreTestData.unknownDigest())).isEmpty();
    }

    @Test
    void findByTokenDigestWhenReissuedThenOnlyNewDigestFinds() {
        Invitation invitation = invitation().build();
        insert(invitation);
        Invitation reissued = reissue(invitation, at(60_000));

        assertThat(update(reissued)).isTrue();

        assertThat(store.findByTokenDigest(invitation.tokenDigest())).isEmpty();
        assertSame(store.findByTokenDigest(reissued.tokenDigest()), reissued);
    }

    @Test
    void insertWhenTokenDigestAlreadyStoredThenDuplicate() {
        Invitation first = invitation().patientId("p-1").build();
        insert(first);
        Invitation sameDigest = invitation()
                .patientId("p-2")
                .token(first.tokenNonce(), first.tokenDigest())
                .build();

        assertThatThrownBy(() -> insert(sameDigest)).isInstanceOf(DuplicateInvitationException.class);

        assertThat(store.findById(sameDigest.id())).isEmpty();
        assertSame(store.findByTokenDigest(first.tokenDigest()), first);
    }

    // --- findOpen --------------------------------------------------------------------------------

    @Test
    void findOpenWhenOpenThenFoundByLookupKeyOfAnyCase() {
        Invitation invitation = invitation().inviteeEmail("Ivy.Ada@Example.org").build();
        insert(invitation);

        assertSame(store.findOpen(PRACTICE, invitation.patient().id(), key("IVY.ADA@EXAMPLE.ORG")), invitation);
        assertSame(store.findOpen(PRACTICE, invitation.patient().id(), key("ivy.ada@example.org")), invitation);
    }

    @Test
    void findOpenWhenPastExpiryButStatusStillOpenThenFound() {
        Invitation invitation = invitation()
                .createdAt(T0.minus(Duration.ofDays(30)))
                .expiresAt(T0.minus(Duration.ofDays(23)))
                .build();
        insert(invitation);

        assertSame(findOpen(invitation), invitation);
    }

    @Test
    void findOpenWhenSentOrDeliveryFailedThenFound() {
        Invitation sent = invitation().patientId("p-1").build().withDeliveryStatus(InvitationStatus.SENT, at(1));
        Invitation failed =
                invitation().patientId("p-2").build().withDeliveryStatus(InvitationStatus.DELIVERY_FAILED, at(1));
        insertAtVersion2(sent);
        insertAtVersion2(failed);

        assertSame(findOpen(sent), sent);
        assertSame(findOpen(failed), failed);
    }

    @Test
    void findOpenWhenRevokedThenEmpty() {
        Invitation invitation = invitation().build();
        insert(invitation);

        assertThat(update(invitation.revoked(at(1), RevocationReason.STAFF))).isTrue();

        assertThat(findOpen(invitation)).isEmpty();
    }

    @Test
    void findOpenWhenAcceptedThenEmpty() {
        Invitation invitation = invitation().build();
        insert(invitation);

        assertThat(redeem(invitation.tokenDigest(), at(1))).isTrue();

        assertThat(findOpen(invitation)).isEmpty();
    }

    @Test
    void findOpenWhenExpiredStatusThenEmpty() {
        Invitation invitation = invitation().build();
        insert(invitation);

        assertThat(update(invitation.expired(invitation.expiresAt()))).isTrue();

        assertThat(findOpen(invitation)).isEmpty();
    }

    @Test
    void findOpenWhenOtherPracticePatientOrInviteeThenEmpty() {
        Invitation invitation =
                invitation().patientId("p-1").inviteeEmail("ada@example.org").build();
        insert(invitation);

        assertThat(store.findOpen(OTHER_PRACTICE, PatientId.of("p-1"), key("ada@example.org")))
                .isEmpty();
        assertThat(store.findOpen(PRACTICE, PatientId.of("p-2"), key("ada@example.org")))
                .isEmpty();
        assertThat(store.findOpen(PRACTICE, PatientId.of("p-1"), key("grace@example.org")))
                .isEmpty();
    }

    // --- at most one open invitation per practice, patient and invitee ----------------------------

    @Test
    void insertWhenOpenInvitationForSameInviteeInOtherCaseThenDuplicate() {
        Invitation first = invitation().inviteeEmail("Ada@Example.org").build();
        insert(first);
        Invitation second = invitation()
                .inviteeEmail("ada@example.org")
                .createdAt(at(1_000))
                .build();

        assertThatThrownBy(() -> insert(second)).isInstanceOf(DuplicateInvitationException.class);

        assertThat(store.findById(second.id())).isEmpty();
        assertThat(store.findByTokenDigest(second.tokenDigest())).isEmpty();
        assertSame(findOpen(first), first);
        assertThat(store.findByPatient(PRACTICE, first.patient().id()))
                .extracting(Invitation::id)
                .containsExactly(first.id());
    }

    @Test
    void insertWhenOpenInvitationIsPastExpiryThenStillDuplicate() {
        Invitation first = invitation()
                .createdAt(T0.minus(Duration.ofDays(30)))
                .expiresAt(T0.minus(Duration.ofDays(23)))
                .build();
        insert(first);
        Invitation second = invitation().build();

        assertThatThrownBy(() -> insert(second)).isInstanceOf(DuplicateInvitationException.class);

        assertThat(store.findById(second.id())).isEmpty();
    }

    @Test
    void insertWhenFirstRevokedThenAllowed() {
        Invitation first = invitation().build();
        insert(first);
        assertThat(update(first.revoked(at(1), RevocationReason.STAFF))).isTrue();
        Invitation second = invitation().createdAt(at(2)).build();

        insert(second);

        assertSame(findOpen(second), second);
    }

    @Test
    void insertWhenFirstAcceptedThenAllowed() {
        Invitation first = invitation().build();
        insert(first);
        assertThat(redeem(first.tokenDigest(), at(1))).isTrue();
        Invitation second = invitation().createdAt(at(2)).build();

        insert(second);

        assertSame(findOpen(second), second);
    }

    @Test
    void insertWhenFirstExpiredStatusThenAllowed() {
        Invitation first = invitation().build();
        insert(first);
        assertThat(update(first.expired(first.expiresAt()))).isTrue();
        Invitation second =
                invitation().createdAt(first.expiresAt().plusMillis(1)).build();

        insert(second);

        assertSame(findOpen(second), second);
    }

    @Test
    void insertWhenOtherPatientPracticeOrInviteeThenAllowed() {
        Invitation first =
                invitation().patientId("p-1").inviteeEmail("ada@example.org").build();
        Invitation otherPatient =
                invitation().patientId("p-2").inviteeEmail("ada@example.org").build();
        Invitation otherPractice = invitation()
                .practice(OTHER_PRACTICE)
                .patientId("p-1")
                .inviteeEmail("ada@example.org")
                .build();
        Invitation otherInvitee = invitation()
                .patientId("p-1")
                .carer(StoreTestData.carer("mum@example.org"))
                .build();

        insert(first);
        insert(otherPatient);
        insert(otherPractice);
        insert(otherInvitee);

        assertSame(store.findOpen(PRACTICE, PatientId.of("p-1"), key("ada@example.org")), first);
        assertSame(store.findOpen(PRACTICE, PatientId.of("p-2"), key("ada@example.org")), otherPatient);
        assertSame(store.findOpen(OTHER_PRACTICE, PatientId.of("p-1"), key("ada@example.org")), otherPractice);
        assertSame(store.findOpen(PRACTICE, PatientId.of("p-1"), key("mum@example.org")), otherInvitee);
    }

    // --- update (optimistic locking) --------------------------------------------------------------

    @Test
    void updateWhenVersionIsStoredPlusOneThenStored() {
        Invitation invitation = invitation().build();
        insert(invitation);
        Invitation sent = invitation.withDeliveryStatus(InvitationStatus.SENT, at(1_500));

        assertThat(update(sent)).isTrue();

        assertSame(store.findById(invitation.id()), sent);
    }

    @Test
    void updateWhenRevokedThenRevocationFieldsRoundTrip() {
        Invitation invitation = invitation().build();
        insert(invitation);
        Invitation revoked = invitation.revoked(T0.plusNanos(42_000), RevocationReason.DATE_OF_BIRTH_ATTEMPTS);

        assertThat(update(revoked)).isTrue();

        Invitation found = store.findById(invitation.id()).orElseThrow();
        assertSame(Optional.of(found), revoked);
        assertThat(found.revokedAt()).isEqualTo(T0.plusNanos(42_000));
        assertThat(found.revocationReason()).isEqualTo(RevocationReason.DATE_OF_BIRTH_ATTEMPTS);
    }

    @Test
    void updateWhenStaleVersionThenFalseAndStoredUnchanged() {
        Invitation read = invitation().build();
        insert(read);
        Invitation winner = read.withDeliveryStatus(InvitationStatus.SENT, at(1));
        assertThat(update(winner)).isTrue();

        boolean stored = update(read.revoked(at(2), RevocationReason.STAFF));

        assertThat(stored).isFalse();
        assertSame(store.findById(read.id()), winner);
    }

    @Test
    void updateWhenVersionSkipsAheadThenFalseAndStoredUnchanged() {
        Invitation invitation = invitation().build();
        insert(invitation);
        Invitation twoAhead =
                invitation.withDeliveryStatus(InvitationStatus.SENT, at(1)).withDateOfBirthFailure(at(2), 5);

        assertThat(update(twoAhead)).isFalse();

        assertSame(store.findById(invitation.id()), invitation);
    }

    @Test
    void updateWhenSameVersionAsStoredThenFalse() {
        Invitation invitation = invitation().build();
        insert(invitation);
        Invitation sameVersion = invitation()
                .id(invitation.id())
                .token(invitation.tokenNonce(), invitation.tokenDigest())
                .resendCount(4)
                .build();

        assertThat(update(sameVersion)).isFalse();

        assertSame(store.findById(invitation.id()), invitation);
    }

    @Test
    void updateWhenUnknownIdThenFalse() {
        Invitation neverInserted = invitation().build();

        assertThat(update(neverInserted.withDeliveryStatus(InvitationStatus.SENT, at(1))))
                .isFalse();

        assertThat(store.findById(neverInserted.id())).isEmpty();
    }

    // --- redeem ----------------------------------------------------------------------------------

    @Test
    void redeemWhenOpenThenTrueAndAcceptedAtNow() {
        Invitation invitation = invitation().build();
        insert(invitation);
        Instant now = at(3_600_000).plusNanos(7_000);

        assertThat(redeem(invitation.tokenDigest(), now)).isTrue();

        Invitation found = store.findById(invitation.id()).orElseThrow();
        assertThat(found.status()).isEqualTo(InvitationStatus.ACCEPTED);
        assertThat(found.acceptedAt()).isEqualTo(now);
        assertThat(found.version()).isEqualTo(invitation.version() + 1);
        assertSame(Optional.of(found), invitation.accepted(now));
    }

    @Test
    void redeemWhenSentOrDeliveryFailedThenTrue() {
        Invitation sent = invitation().patientId("p-1").build().withDeliveryStatus(InvitationStatus.SENT, at(1));
        Invitation failed =
                invitation().patientId("p-2").build().withDeliveryStatus(InvitationStatus.DELIVERY_FAILED, at(1));
        insertAtVersion2(sent);
        insertAtVersion2(failed);

        assertThat(redeem(sent.tokenDigest(), at(2))).isTrue();
        assertThat(redeem(failed.tokenDigest(), at(2))).isTrue();

        assertSame(store.findById(sent.id()), sent.accepted(at(2)));
        assertSame(store.findById(failed.id()), failed.accepted(at(2)));
    }

    @Test
    void redeemWhenAlreadyRedeemedThenFalse() {
        Invitation invitation = invitation().build();
        insert(invitation);
        assertThat(redeem(invitation.tokenDigest(), at(1))).isTrue();

        assertThat(redeem(invitation.tokenDigest(), at(2))).isFalse();

        assertSame(store.findById(invitation.id()), invitation.accepted(at(1)));
    }

    @Test
    void redeemWhenExactlyAtExpiryThenFalse() {
        Invitation invitation = invitation().build();
        insert(invitation);

        assertThat(redeem(invitation.tokenDigest(), invitation.expiresAt())).isFalse();

        assertSame(store.findById(invitation.id()), invitation);
    }

    @Test
    void redeemWhenOneMillisecondBeforeExpiryThenTrue() {
        Invitation invitation = invitation().build();
        insert(invitation);
        Instant now = invitation.expiresAt().minusMillis(1);

        assertThat(redeem(invitation.tokenDigest(), now)).isTrue();

        assertSame(store.findById(invitation.id()), invitation.accepted(now));
    }

    @Test
    void redeemWhenRevokedThenFalse() {
        Invitation invitation = invitation().build();
        insert(invitation);
        Invitation revoked = invitation.revoked(at(1), RevocationReason.STAFF);
        assertThat(update(revoked)).isTrue();

        assertThat(redeem(invitation.tokenDigest(), at(2))).isFalse();

        assertSame(store.findById(invitation.id()), revoked);
    }

    @Test
    void redeemWhenExpiredStatusThenFalseEvenBeforeExpiryTime() {
        Invitation invitation = invitation().build();
        insert(invitation);
        Invitation expired = invitation.expired(at(1));
        assertThat(update(expired)).isTrue();

        assertThat(redeem(invitation.tokenDigest(), at(2))).isFalse();

        assertSame(store.findById(invitation.id()), expired);
    }

    @Test
    void redeemWhenUnknownDigestThenFalse() {
        Invitation invitation = invitation().build();
        insert(invitation);

        assertThat(redeem(StoreTestData.unknownDigest(), at(1))).isFalse();

        assertSame(store.findById(invitation.id()), invitation);
    }

    @Test
    void redeemWhenOldDigestAfterReissueThenFalse() {
        Invitation invitation = invitation().build();
        insert(invitation);
        Invitation reissued = reissue(invitation, at(60_000));
        assertThat(update(reissued)).isTrue();

        assertThat(redeem(invitation.tokenDigest(), at(120_000))).isFalse();
        assertThat(redeem(reissued.tokenDigest(), at(120_000))).isTrue();
    }

    @Test
    void updateWhenReadBeforeRedeemThenFalseAndAcceptanceKept() {
        Invitation read = invitation().build();
        insert(read);
        assertThat(redeem(read.tokenDigest(), at(1))).isTrue();

        boolean stored = update(read.revoked(at(2), RevocationReason.STAFF));

        assertThat(stored)
                .as("redeem must raise the version, so a change read before it fails")
                .isFalse();
        assertSame(store.findById(read.id()), read.accepted(at(1)));
    }

    // --- findByPatient ---------------------------------------------------------------------------

    @Test
    void findByPatientWhenSeveralThenOldestFirstAndScopedToPracticeAndPatient() {
        Invitation newest = invitation()
                .patientId("p-1")
                .inviteeEmail("c@example.org")
                .createdAt(at(3_000))
                .build();
        Invitation oldest = invitation()
                .patientId("p-1")
                .inviteeEmail("a@example.org")
                .createdAt(at(1_000))
                .build();
        Invitation middle = invitation()
                .patientId("p-1")
                .carer(StoreTestData.carer("b@example.org"))
                .createdAt(at(2_000))
                .build();
        Invitation otherPractice = invitation()
                .practice(OTHER_PRACTICE)
                .patientId("p-1")
                .createdAt(at(1_500))
                .build();
        Invitation otherPatient =
                invitation().patientId("p-2").createdAt(at(1_500)).build();
        insert(newest);
        insert(otherPractice);
        insert(oldest);
        insert(otherPatient);
        insert(middle);
        assertThat(update(middle.revoked(at(4_000), RevocationReason.STAFF))).isTrue();

        List<Invitation> found = store.findByPatient(PRACTICE, PatientId.of("p-1"));

        assertThat(found).extracting(Invitation::id).containsExactly(oldest.id(), middle.id(), newest.id());
        assertThat(found.get(1).status()).isEqualTo(InvitationStatus.REVOKED);
        assertThat(store.findByPatient(OTHER_PRACTICE, PatientId.of("p-1")))
                .extracting(Invitation::id)
                .containsExactly(otherPractice.id());
        assertThat(store.findByPatient(PRACTICE, PatientId.of("p-3"))).isEmpty();
    }

    // --- transactions ----------------------------------------------------------------------------

    @Test
    void transactionThatThrowsAfterInsertLeavesNothing() {
        Invitation invitation = invitation().build();

        assertThatThrownBy(() -> storage.transactions().inTransaction(() -> {
                    store.insert(invitation);
                    throw new IllegalStateException("host failed after the insert");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(store.findById(invitation.id())).isEmpty();
        assertThat(store.findByTokenDigest(invitation.tokenDigest())).isEmpty();
        assertThat(findOpen(invitation)).isEmpty();
        assertThat(store.findByPatient(PRACTICE, invitation.patient().id())).isEmpty();
        insert(invitation);
        assertSame(store.findById(invitation.id()), invitation);
    }

    @Test
    void transactionThatThrowsAfterUpdateKeepsStoredValueAndDigest() {
        Invitation invitation = invitation().build();
        insert(invitation);
        Invitation reissued = reissue(invitation, at(60_000));

        assertThatThrownBy(() -> storage.transactions().inTransaction(() -> {
                    assertThat(store.update(reissued)).isTrue();
                    throw new IllegalStateException("host failed after the update");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertSame(store.findById(invitation.id()), invitation);
        assertSame(store.findByTokenDigest(invitation.tokenDigest()), invitation);
        assertThat(store.findByTokenDigest(reissued.tokenDigest())).isEmpty();
        assertThat(update(reissued)).isTrue();
    }

    @Test
    void transactionThatThrowsAfterRedeemLeavesTokenRedeemable() {
        Invitation invitation = invitation().build();
        insert(invitation);

        assertThatThrownBy(() -> storage.transactions().inTransaction(() -> {
                    assertThat(store.redeem(invitation.tokenDigest(), at(1))).isTrue();
                    throw new IllegalStateException("account creation failed");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertSame(store.findById(invitation.id()), invitation);
        assertThat(redeem(invitation.tokenDigest(), at(2))).isTrue();
    }

    @Test
    void transactionThatThrowsAfterWritesToSeveralStoresLeavesNothingInAny() {
        Invitation invitation = invitation().build();
        OutboundMessage email = StoreTestData.email(invitation.id(), T0);
        AuditEvent created = AuditEvent.of(AuditAction.INVITATION_CREATED, Actor.staff(STAFF), T0)
                .practice(PRACTICE)
                .patient(invitation.patient().id())
                .invitation(invitation.id())
                .build();

        assertThatThrownBy(() -> storage.transactions().inTransaction(() -> {
                    store.insert(invitation);
                    storage.outbox().insert(email);
                    storage.audit().append(created);
                    throw new IllegalStateException("host's patient save failed");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(store.findById(invitation.id())).isEmpty();
        assertThat(storage.outbox().findById(email.id())).isEmpty();
        assertThat(storage.audit().findByInvitation(invitation.id())).isEmpty();
    }

    // --- attemptDateOfBirth ----------------------------------------------------------------------

    @Test
    void attemptDateOfBirthWhenRightThenMatchedAndNothingCounted() {
        Invitation invitation = invitation().build();
        insert(invitation);

        DateOfBirthAttempt attempt = attempt(invitation, invitation.patient().dateOfBirth(), 5, at(1));

        assertThat(attempt.outcome()).isEqualTo(DateOfBirthAttempt.Outcome.MATCHED);
        assertThat(store.findById(invitation.id()).orElseThrow().dateOfBirthFailures())
                .isZero();
        assertThat(store.findById(invitation.id()).orElseThrow().status()).isEqualTo(invitation.status());
        assertSame(store.findById(invitation.id()), invitation);
    }

    @Test
    void attemptDateOfBirthWhenWrongThenCountedAndRevokedAtTheLimit() {
        Invitation invitation = invitation().build();
        insert(invitation);
        LocalDate wrong = invitation.patient().dateOfBirth().plusDays(1);

        assertThat(attempt(invitation, wrong, 2, at(1)))
                .isEqualTo(new DateOfBirthAttempt(DateOfBirthAttempt.Outcome.MISMATCHED, 1));
        assertThat(store.findOpen(
                        invitation.practiceId(),
                        invitation.patient().id(),
                        invitation.invitee().email().lookupKey()))
                .isPresent();
        assertThat(attempt(invitation, wrong, 2, at(2)))
                .isEqualTo(new DateOfBirthAttempt(DateOfBirthAttempt.Outcome.MISMATCHED_AND_REVOKED, 2));

        Invitation stored = store.findById(invitation.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(InvitationStatus.REVOKED);
        assertThat(stored.revokedAt()).isEqualTo(at(2));
        assertThat(stored.revocationReason()).isEqualTo(RevocationReason.DATE_OF_BIRTH_ATTEMPTS);
        assertThat(stored.dateOfBirthFailures()).isEqualTo(2);
        assertThat(store.findOpen(
                        invitation.practiceId(),
                        invitation.patient().id(),
                        invitation.invitee().email().lookupKey()))
                .isEmpty();
        assertThat(attempt(invitation, invitation.patient().dateOfBirth(), 2, at(3)))
                .as("the right date once the limit is reached")
                .isEqualTo(DateOfBirthAttempt.unusable());
    }

    @Test
    void attemptDateOfBirthWhenExpiredUnknownOrAcceptedThenUnusable() {
        Invitation invitation = invitation().build();
        insert(invitation);
        LocalDate right = invitation.patient().dateOfBirth();

        assertThat(attempt(invitation, right, 5, invitation.expiresAt())).isEqualTo(DateOfBirthAttempt.unusable());
        assertThat(storage.transactions()
                        .inTransaction(() -> store.attemptDateOfBirth(
                                TokenDigest.of(io.portalinvite.token.LinkToken.parse(
                                        io.portalinvite.token.LinkToken.Purpose.INVITATION, "A".repeat(43))),
                                right,
                                5,
                                at(1))))
                .isEqualTo(DateOfBirthAttempt.unusable());
        assertThat(redeem(invitation.tokenDigest(), at(1))).isTrue();
        assertThat(attempt(invitation, right.plusDays(1), 5, at(2))).isEqualTo(DateOfBirthAttempt.unusable());
        assertThat(store.findById(invitation.id()).orElseThrow().dateOfBirthFailures())
                .isZero();
    }

    @Test
    void attemptDateOfBirthWhenThirtyTwoWrongDatesRaceThenExactlyTheLimitCountedEveryRound() {
        int threads = 32;
        int limit = 5;
        try (Race race = new Race(threads)) {
            for (int round = 0; round < 20; round++) {
                Invitation invitation = invitation().patientId("dob-" + round).build();
                insert(invitation);
                Instant now = at(round);

                List<Race.Outcome<DateOfBirthAttempt>> outcomes = race.run(i -> () ->
                        attempt(invitation, invitation.patient().dateOfBirth().plusDays(i + 1L), limit, now));

                assertThat(outcomes).as("round %d: no call may fail", round).allMatch(Race.Outcome::returned);
                assertThat(outcomes.stream().map(o -> o.value()).toList())
                        .as("round %d: outcomes", round)
                        .filteredOn(a -> a != null && a.outcome() != DateOfBirthAttempt.Outcome.UNUSABLE)
                        .extracting(DateOfBirthAttempt::failures)
                        .containsExactlyInAnyOrder(1, 2, 3, 4, 5);
                assertThat(outcomes.stream().map(o -> o.value()).toList())
                        .filteredOn(a -> a != null && a.outcome() == DateOfBirthAttempt.Outcome.MISMATCHED_AND_REVOKED)
                        .hasSize(1);
                Invitation stored = store.findById(invitation.id()).orElseThrow();
                assertThat(stored.dateOfBirthFailures()).as("round %d", round).isEqualTo(limit);
                assertThat(stored.status()).as("round %d", round).isEqualTo(InvitationStatus.REVOKED);
            }
        }
    }

    private DateOfBirthAttempt attempt(Invitation invitation, LocalDate date, int limit, Instant now) {
        return storage.transactions()
                .inTransaction(() -> store.attemptDateOfBirth(invitation.tokenDigest(), date, limit, now));
    }

    // --- concurrency -----------------------------------------------------------------------------

    @Test
    void redeemWhenSixteenThreadsRaceThenExactlyOneTrueEveryRound() {
        int threads = 16;
        try (Race race = new Race(threads)) {
            for (int round = 0; round < 50; round++) {
                Invitation invitation = invitation().patientId("race-" + round).build();
                insert(invitation);
                Instant now = at(round);

                List<Race.Outcome<Boolean>> outcomes = race.run(i ->
                        () -> storage.transactions().inTransaction(() -> store.redeem(invitation.tokenDigest(), now)));

                assertThat(outcomes).as("round %d: no call may fail", round).allMatch(Race.Outcome::returned);
                assertThat(outcomes)
                        .as("round %d: exactly one redemption", round)
                        .filteredOn(o -> Boolean.TRUE.equals(o.value()))
                        .hasSize(1);
                assertSame(store.findById(invitation.id()), invitation.accepted(now));
            }
        }
    }

    // --- helpers ---------------------------------------------------------------------------------

    private void insert(Invitation invitation) {
        storage.transactions().inTransaction(() -> store.insert(invitation));
    }

    /** Inserts the version-1 form of an invitation whose version is 2, then updates to it. */
    private void insertAtVersion2(Invitation atVersion2) {
        Invitation v1 = Invitation.builder()
                .id(atVersion2.id())
                .practiceId(atVersion2.practiceId())
                .patient(atVersion2.patient())
                .invitee(atVersion2.invitee())
                .channels(atVersion2.channels())
                .origin(atVersion2.origin())
                .status(InvitationStatus.PENDING)
                .tokenNonce(atVersion2.tokenNonce())
                .tokenDigest(atVersion2.tokenDigest())
                .issuedAt(atVersion2.issuedAt())
                .expiresAt(atVersion2.expiresAt())
                .createdAt(atVersion2.createdAt())
                .createdBy(atVersion2.createdBy())
                .resendCount(atVersion2.resendCount())
                .dateOfBirthFailures(atVersion2.dateOfBirthFailures())
                .updatedAt(atVersion2.createdAt())
                .version(1)
                .build();
        insert(v1);
        assertThat(update(atVersion2)).isTrue();
    }

    private boolean update(Invitation updated) {
        return storage.transactions().inTransaction(() -> store.update(updated));
    }

    private boolean redeem(TokenDigest digest, Instant now) {
        return storage.transactions().inTransaction(() -> store.redeem(digest, now));
    }

    private Optional<Invitation> findOpen(Invitation invitation) {
        return store.findOpen(
                invitation.practiceId(),
                invitation.patient().id(),
                invitation.invitee().email().lookupKey());
    }

    private static Invitation reissue(Invitation invitation, Instant now) {
        TokenNonce nonce = StoreTestData.nonce();
        return invitation.reissued(
                nonce, StoreTestData.digest(invitation.id(), nonce), now, now.plus(StoreTestData.LIFETIME));
    }

    private static String key(String email) {
        return EmailAddress.of(email).lookupKey();
    }

    /** Compares field by field, so a failure names the field that did not survive the store. */
    private static void assertSame(Optional<Invitation> actual, Invitation expected) {
        assertThat(actual).as("stored invitation %s", expected.id()).isPresent();
        assertThat(actual.orElseThrow()).usingRecursiveComparison().isEqualTo(expected);
        assertThat(actual.orElseThrow()).isEqualTo(expected);
    }
}
