package io.portalinvite.testing;

import io.portalinvite.account.PatientAccess;
import io.portalinvite.account.PortalAccount;
import io.portalinvite.account.PortalAccount.AccountStatus;
import io.portalinvite.common.AccessId;
import io.portalinvite.common.AccessKind;
import io.portalinvite.common.AccountId;
import io.portalinvite.common.Channel;
import io.portalinvite.common.InvitationId;
import io.portalinvite.common.InviteeKind;
import io.portalinvite.common.PatientId;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.StaffId;
import io.portalinvite.delivery.OutboundMessage;
import io.portalinvite.delivery.OutboundMessage.MessageKind;
import io.portalinvite.delivery.OutboundMessage.MessageStatus;
import io.portalinvite.invitation.Invitation;
import io.portalinvite.invitation.Invitation.InvitationOrigin;
import io.portalinvite.invitation.Invitation.InvitationStatus;
import io.portalinvite.invitation.Invitee;
import io.portalinvite.party.Carer;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.party.Patient;
import io.portalinvite.party.PersonName;
import io.portalinvite.party.PhoneNumber;
import io.portalinvite.party.Relationship;
import io.portalinvite.token.LinkToken;
import io.portalinvite.token.LinkTokens;
import io.portalinvite.token.TokenDigest;
import io.portalinvite.token.TokenKey;
import io.portalinvite.token.TokenNonce;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Valid values for storage contract tests: invitations, accounts, access grants and outbound
 * messages that a test changes only where it matters. Everything is built from the SPI value types,
 * so the data works for every storage implementation. Times are fixed offsets from
 * {@link PortalFixture#START}, never the wall clock.
 */
public final class StoreTestData {

    /** The practice used by default. */
    public static final PracticeId PRACTICE = PortalFixture.PRACTICE;
    /** A second practice, for scoping checks. */
    public static final PracticeId OTHER_PRACTICE = PracticeId.of("practice-2");
    /** The staff member used by default. */
    public static final StaffId STAFF = PortalFixture.STAFF;
    /** The base instant every test time is derived from. */
    public static final Instant T0 = PortalFixture.START;
    /** The link lifetime of {@link #invitation()} unless changed. */
    public static final Duration LIFETIME = Duration.ofDays(7);
    /** A PHC string shaped like an Argon2id hash; the stores treat it as opaque text. */
    public static final String PASSWORD_HASH =
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$RdescudvJCsgt3ub+b+dWRWJTmaaJObGrEwHk9DgrTw";

    private static final LinkTokens TOKENS = new LinkTokens(
            TokenKey.of(new byte[] {
                9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 11, 12, 13, 14, 15, 16,
                17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32
            }),
            new SecureRandom(),
            LinkToken.Purpose.INVITATION);

    private StoreTestData() {}

    /**
     * An instant a number of milliseconds after {@link #T0}.
     *
     * @param millis the offset
     * @return the instant
     */
    public static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    /**
     * Draws a fresh link nonce.
     *
     * @return the nonce
     */
    public static TokenNonce nonce() {
        return TOKENS.newNonce();
    }

    /**
     * Derives the token digest of an invitation's link issue, as the services do.
     *
     * @param id the invitation
     * @param nonce the nonce
     * @return the digest
     */
    public static TokenDigest digest(InvitationId id, TokenNonce nonce) {
        return TOKENS.digest(id.value(), nonce);
    }

    /**
     * A digest no invitation has.
     *
     * @return a fresh digest
     */
    public static TokenDigest unknownDigest() {
        return digest(InvitationId.random(), nonce());
    }

    /**
     * A patient snapshot with name, date of birth, email and mobile.
     *
     * @param patientId the host's patient id
     * @param email the patient's email
     * @return the patient
     */
    public static Patient patient(String patientId, String email) {
        return new Patient(
                PatientId.of(patientId),
                new PersonName("Ada", "Lovelace"),
                PortalFixture.DOB,
                EmailAddress.of(email),
                new PhoneNumber("+61412345678"));
    }

    /**
     * A carer who is the patient's parent, with a mobile.
     *
     * @param email the carer's email
     * @return the carer
     */
    public static Carer carer(String email) {
        return new Carer(
                new PersonName("Zoë", "O'Brien-Smith"),
                EmailAddress.of(email),
                new PhoneNumber("+61412000111"),
                Relationship.PARENT);
    }

    /**
     * Starts a PENDING, version 1 invitation of patient {@code patient-1} at {@link #PRACTICE}, sent
     * by email and SMS, made and issued at {@link #T0} with a {@link #LIFETIME} link and a fresh
     * nonce and digest.
     *
     * @return a builder to adjust
     */
    public static InvitationBuilder invitation() {
        return new InvitationBuilder();
    }

    /**
     * An ACTIVE, version 1 account created at {@link #T0}, never logged in.
     *
     * @param email the login email as entered
     * @return the account
     */
    public static PortalAccount account(String email) {
        return new PortalAccount(
                AccountId.random(),
                EmailAddress.of(email),
                PASSWORD_HASH,
                AccountStatus.ACTIVE,
                0,
                null,
                T0,
                null,
                T0,
                1);
    }

    /**
     * An active SELF grant without an end date.
     *
     * @param accountId the account
     * @param practiceId the practice
     * @param patientId the patient
     * @param grantedAt when granted
     * @return the grant
     */
    public static PatientAccess selfAccess(
            AccountId accountId, PracticeId practiceId, String patientId, Instant grantedAt) {
        return PatientAccess.grant(
                AccessId.random(),
                accountId,
                practiceId,
                PatientId.of(patientId),
                AccessKind.SELF,
                null,
                grantedAt,
                STAFF,
                InvitationId.random(),
                LocalDate.ofInstant(grantedAt, ZoneOffset.UTC),
                null);
    }

    /**
     * An active PROXY grant.
     *
     * @param accountId the account
     * @param practiceId the practice
     * @param patientId the patient
     * @param relationship the holder's relationship to the patient
     * @param grantedAt when granted
     * @param endsOn the first day it no longer applies, or null
     * @return the grant
     */
    public static PatientAccess proxyAccess(
            AccountId accountId,
            PracticeId practiceId,
            String patientId,
            Relationship relationship,
            Instant grantedAt,
            @Nullable LocalDate endsOn) {
        return PatientAccess.grant(
                        AccessId.random(),
                        accountId,
                        practiceId,
                        PatientId.of(patientId),
                        AccessKind.PROXY,
                        relationship,
                        grantedAt,
                        STAFF,
                        InvitationId.random(),
                        LocalDate.ofInstant(grantedAt, ZoneOffset.UTC),
                        null)
                .withEndsOn(endsOn);
    }

    /**
     * A new pending, unclaimed message at {@link #PRACTICE}, never attempted.
     *
     * @param invitationId its invitation
     * @param kind email or SMS notice
     * @param createdAt when written
     * @param dueAt its next attempt time
     * @return the message
     */
    public static OutboundMessage message(
            InvitationId invitationId, MessageKind kind, Instant createdAt, Instant dueAt) {
        UUID id = UUID.randomUUID();
        String recipient = kind.channel() == Channel.EMAIL ? "Ada.Lovelace@example.org" : "+61412345678";
        return new OutboundMessage(
                id,
                PRACTICE,
                invitationId.value(),
                kind,
                recipient,
                nonce(),
                MessageStatus.PENDING,
                0,
                dueAt,
                null,
                null,
                null,
                createdAt,
                null,
                "<" + id + "@portal.sunrise.example>",
                false);
    }

    /**
     * A new pending invitation email written and due at the same instant.
     *
     * @param invitationId its invitation
     * @param dueAt when written and due
     * @return the message
     */
    public static OutboundMessage email(InvitationId invitationId, Instant dueAt) {
        return message(invitationId, MessageKind.INVITATION_EMAIL, dueAt, dueAt);
    }

    /**
     * A new pending SMS notice written and due at the same instant.
     *
     * @param invitationId its invitation
     * @param dueAt when written and due
     * @return the message
     */
    public static OutboundMessage sms(InvitationId invitationId, Instant dueAt) {
        return message(invitationId, MessageKind.INVITATION_SMS_NOTICE, dueAt, dueAt);
    }

    /** Builds a valid {@link Invitation}; each setter changes only what it names. */
    public static final class InvitationBuilder {
        private InvitationId id = InvitationId.random();
        private @Nullable TokenNonce nonce;
        private @Nullable TokenDigest digest;
        private PracticeId practiceId = PRACTICE;
        private String patientId = "patient-1";
        private @Nullable String inviteeEmail;
        private @Nullable Patient patient;
        private @Nullable Carer carer;
        private Set<Channel> channels = EnumSet.of(Channel.EMAIL, Channel.SMS);
        private InvitationOrigin origin = InvitationOrigin.NEW_PATIENT;
        private InvitationStatus status = InvitationStatus.PENDING;
        private Instant createdAt = T0;
        private @Nullable Instant expiresAt;
        private int resendCount;
        private int dateOfBirthFailures;

        private InvitationBuilder() {}

        /** @param value the invitation's id @return this */
        public InvitationBuilder id(InvitationId value) {
            this.id = value;
            return this;
        }

        /**
         * Uses this link issue instead of a fresh one, e.g. to collide with another invitation's digest.
         *
         * @param nonceValue the nonce
         * @param digestValue the digest
         * @return this
         */
        public InvitationBuilder token(TokenNonce nonceValue, TokenDigest digestValue) {
            this.nonce = nonceValue;
            this.digest = digestValue;
            return this;
        }

        /** @param value the practice @return this */
        public InvitationBuilder practice(PracticeId value) {
            this.practiceId = value;
            return this;
        }

        /** @param value the host's patient id @return this */
        public InvitationBuilder patientId(String value) {
            this.patientId = value;
            return this;
        }

        /**
         * Makes the patient the invitee, at this email (as entered, any case).
         *
         * @param value the email
         * @return this
         */
        public InvitationBuilder inviteeEmail(String value) {
            this.inviteeEmail = value;
            return this;
        }

        /**
         * Uses this patient snapshot; its id replaces {@link #patientId(String)}.
         *
         * @param value the patient
         * @return this
         */
        public InvitationBuilder patient(Patient value) {
            this.patient = value;
            return this;
        }

        /**
         * Makes a carer the invitee.
         *
         * @param value the carer
         * @return this
         */
        public InvitationBuilder carer(Carer value) {
            this.carer = value;
            return this;
        }

        /** @param value the channels, which must include EMAIL @return this */
        public InvitationBuilder channels(Set<Channel> value) {
            this.channels = value;
            return this;
        }

        /** @param value the origin @return this */
        public InvitationBuilder origin(InvitationOrigin value) {
            this.origin = value;
            return this;
        }

        /** @param value an open status (PENDING, SENT or DELIVERY_FAILED) @return this */
        public InvitationBuilder status(InvitationStatus value) {
            this.status = value;
            return this;
        }

        /**
         * Sets when the invitation was made, issued and last updated; the link expires
         * {@link #LIFETIME} later unless {@link #expiresAt(Instant)} says otherwise.
         *
         * @param value the instant
         * @return this
         */
        public InvitationBuilder createdAt(Instant value) {
            this.createdAt = value;
            return this;
        }

        /** @param value when the link stops working; after the creation time @return this */
        public InvitationBuilder expiresAt(Instant value) {
            this.expiresAt = value;
            return this;
        }

        /** @param value resends so far @return this */
        public InvitationBuilder resendCount(int value) {
            this.resendCount = value;
            return this;
        }

        /** @param value wrong dates of birth so far @return this */
        public InvitationBuilder dateOfBirthFailures(int value) {
            this.dateOfBirthFailures = value;
            return this;
        }

        /**
         * Builds the invitation, drawing a nonce and deriving its digest.
         *
         * @return the invitation, version 1
         */
        public Invitation build() {
            Patient p = patient != null
                    ? patient
                    : StoreTestData.patient(
                            patientId, inviteeEmail != null ? inviteeEmail : "ada." + patientId + "@example.org");
            Invitee invitee;
            if (carer != null) {
                invitee = Invitee.carer(carer);
            } else if (inviteeEmail != null || p.email() == null) {
                String email = inviteeEmail != null ? inviteeEmail : "ada." + p.id().value() + "@example.org";
                invitee = new Invitee(InviteeKind.PATIENT, p.name(), EmailAddress.of(email), p.mobile(), null);
            } else {
                invitee = Invitee.patient(p);
            }
            TokenNonce n = nonce != null ? nonce : StoreTestData.nonce();
            TokenDigest d = digest != null ? digest : StoreTestData.digest(id, n);
            return Invitation.builder()
                    .id(id)
                    .practiceId(practiceId)
                    .patient(p)
                    .invitee(invitee)
                    .channels(channels)
                    .origin(origin)
                    .status(status)
                    .tokenNonce(n)
                    .tokenDigest(d)
                    .issuedAt(createdAt)
                    .expiresAt(expiresAt != null ? expiresAt : createdAt.plus(LIFETIME))
                    .createdAt(createdAt)
                    .createdBy(STAFF)
                    .resendCount(resendCount)
                    .dateOfBirthFailures(dateOfBirthFailures)
                    .updatedAt(createdAt)
                    .version(1)
                    .build();
        }
    }
}
