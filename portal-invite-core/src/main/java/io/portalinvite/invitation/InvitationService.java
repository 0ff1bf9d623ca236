package io.portalinvite.invitation;

import io.portalinvite.PortalStorage;
import io.portalinvite.account.PatientAccess;
import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.common.AccessEndReason;
import io.portalinvite.common.AccessKind;
import io.portalinvite.common.Channel;
import io.portalinvite.common.ConcurrentChangeException;
import io.portalinvite.common.InvitationId;
import io.portalinvite.common.InviteeKind;
import io.portalinvite.common.PatientId;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.RevocationReason;
import io.portalinvite.common.StaffId;
import io.portalinvite.common.ValidationException;
import io.portalinvite.common.Violations;
import io.portalinvite.delivery.MessageKind;
import io.portalinvite.delivery.MessageStatus;
import io.portalinvite.delivery.OutboundMessage;
import io.portalinvite.delivery.OutboxPacing;
import io.portalinvite.event.EventPublisher;
import io.portalinvite.event.PortalEvent;
import io.portalinvite.party.Carer;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.party.Patient;
import io.portalinvite.party.PersonName;
import io.portalinvite.party.PhoneNumber;
import io.portalinvite.settings.AgePolicy;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.settings.SettingsService;
import io.portalinvite.settings.SharedEmailPolicy;
import io.portalinvite.token.InvitationTokens;
import io.portalinvite.token.TokenNonce;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The staff side of invitations: send Patient Portal access to a new or existing patient (or their
 * carer), resend, revoke, and look up status and history.
 *
 * <p>Each change writes the invitation, its outbound messages and its audit entry in one
 * transaction — the host's own when one is open — and nothing is sent before it commits.
 */
public final class InvitationService {

    private static final Logger log = LoggerFactory.getLogger(InvitationService.class);
    /** At most this many other patients are named in a contact warning. */
    private static final int MAX_NAMED_PATIENTS = 10;

    /** Bounds the remembered settings; a host with more practices just reads settings more often. */
    private static final int MAX_REMEMBERED_PRACTICES = 1024;

    private final PortalStorage storage;
    private final SettingsService settings;
    private final InvitationTokens tokens;
    private final Clock clock;
    private final EventPublisher events;
    private final boolean smsAvailable;
    private final String messageIdDomain;
    /**
     * Practices' settings as the last invite read them; a hint checked against the stored row in
     * every invite's own lookup (see {@link #decide}), never trusted on its own.
     */
    private final Map<PracticeId, PortalSettings> rememberedSettings = new ConcurrentHashMap<>();

    /**
     * Creates the service. Usually built by {@link io.portalinvite.PortalInvite}.
     *
     * @param storage the stores
     * @param settings practices' settings
     * @param tokens issues link tokens
     * @param clock the clock
     * @param events the host's listeners
     * @param smsAvailable whether an SMS sender is configured
     * @param messageIdDomain the domain part of generated Message-IDs
     */
    public InvitationService(
            PortalStorage storage,
            SettingsService settings,
            InvitationTokens tokens,
            Clock clock,
            EventPublisher events,
            boolean smsAvailable,
            String messageIdDomain) {
        this.storage = storage;
        this.settings = settings;
        this.tokens = tokens;
        this.clock = clock;
        this.events = events;
        this.smsAvailable = smsAvailable;
        this.messageIdDomain = messageIdDomain;
    }

    /**
     * Sends Patient Portal access: validates the request, then — unless the invitee already has
     * access or a live invitation — makes the invitation and queues its email (with the link) and
     * SMS notice.
     *
     * @param request what staff entered
     * @return what happened, with the invitation
     * @throws ValidationException naming every bad field; nothing is stored
     * @throws io.portalinvite.settings.PortalDisabledException when the practice's portal is off
     */
    public InviteResult invite(InviteRequest request) {
        try {
            return inviteOnce(request);
        } catch (DuplicateInvitationException e) {
            // another node invited the same person between our check and our insert; the unique key
            // stopped the second invitation, and a second look now finds the first one
            log.debug("concurrent invite for the same patient and invitee; reading the winner");
            return inviteOnce(request);
        }
    }

    private InviteResult inviteOnce(InviteRequest request) {
        // one transaction for the reads and the writes: one connection, and the settings the
        // decision uses are the ones read in it
        return storage.transactions().inTransaction(() -> {
            InviteResult result = decide(request, true);
            // null: the remembered settings were out of date; decide again on the stored ones
            return result != null ? result : Objects.requireNonNull(decide(request, false));
        });
    }

    /**
     * Validates and decides one invite. With {@code useRemembered}, the practice's settings from an
     * earlier invite stand in for a settings read; the lookup that follows reads the stored row in
     * this transaction anyway, and when it differs (or validation failed on the remembered values)
     * this returns null before anything is written, for the caller to decide again on fresh
     * settings. The remembered copy saves a round trip; it never decides an invite on its own.
     */
    private @Nullable InviteResult decide(InviteRequest request, boolean useRemembered) {
        Violations v = new Violations();
        PracticeId practiceId = v.capture(() -> PracticeId.parse("practiceId", request.practiceId()));
        StaffId staff = v.capture(() -> StaffId.parse("staffId", request.staffId()));
        PortalSettings remembered = useRemembered && practiceId != null ? rememberedSettings.get(practiceId) : null;
        // without a valid practice, check the other fields against the defaults so all errors show at once
        PortalSettings practice = practiceId == null
                ? PortalSettings.defaults(PracticeId.of("unknown"))
                : remembered != null ? remembered : settings.requireEnabled(practiceId);
        List<String> notices = new ArrayList<>();
        Parsed parsed;
        try {
            parsed = parse(request, practice, v);
        } catch (ValidationException e) {
            if (remembered != null) {
                forget(practiceId);
                return null;
            }
            throw e;
        }
        Objects.requireNonNull(practiceId);
        Objects.requireNonNull(staff);
        Patient patient = parsed.patient();
        Invitee invitee = parsed.invitee();

        // the mobile is only asked about when an SMS notice may go to it (for the shared-mobile warning)
        PhoneNumber smsTo = request.smsNotice() && smsAvailable ? invitee.mobile() : null;
        InviteLookup lookup = storage.lookupForInvite(
                practiceId,
                patient.id(),
                invitee.email().lookupKey(),
                smsTo == null ? null : smsTo.e164(),
                MAX_NAMED_PATIENTS + 1);
        PortalSettings stored = settings.resolve(practiceId, lookup.storedSettings());
        if (!stored.equals(practice)) {
            forget(practiceId);
            if (remembered != null) {
                return null;
            }
        } else if (remembered == null) {
            remember(stored);
        }
        Set<Channel> channels = channels(request, practice, invitee, notices);

        Instant now = clock.instant();
        checkAgeRules(practice, patient, invitee, now);
        List<PatientAccess> held = lookup.inviteeAccess();
        if (hasAccess(practice, patient.id(), invitee, held, now)) {
            return new InviteResult(
                    InviteOutcome.ALREADY_REGISTERED,
                    null,
                    List.of("This person already has Patient Portal access for this patient."));
        }
        List<ContactWarning> warnings =
                contactWarnings(practice, patient, invitee, channels, held, lookup.patientsSharingMobile(), now);
        Optional<Invitation> open = lookup.openInvitation();
        if (open.isPresent()) {
            Invitation existing = open.get();
            if (existing.isLive(now)) {
                if (request.resendIfInvited()) {
                    return new InviteResult(
                            InviteOutcome.RESENT, reissue(existing, practice, staff, now), notices, warnings);
                }
                return new InviteResult(InviteOutcome.ALREADY_INVITED, existing, notices, warnings);
            }
            expire(existing, now);
        }
        Invitation invitation = create(practiceId, patient, invitee, channels, request.origin(), staff, practice, now);
        return new InviteResult(InviteOutcome.INVITED, invitation, notices, warnings);
    }

    /** Keeps a practice's enabled settings for the next invite's first attempt. */
    private void remember(PortalSettings practice) {
        if (!practice.enabled()) {
            return;
        }
        if (rememberedSettings.size() >= MAX_REMEMBERED_PRACTICES) {
            rememberedSettings.clear();
        }
        rememberedSettings.put(practice.practiceId(), practice);
    }

    private void forget(@Nullable PracticeId practiceId) {
        if (practiceId != null) {
            rememberedSettings.remove(practiceId);
        }
    }

    Set<Channel> channels(InviteRequest request, PortalSettings practice, Invitee invitee, List<String> notices) {
        Set<Channel> channels = EnumSet.of(Channel.EMAIL);
        if (request.smsNotice()) {
            if (!practice.smsNotice()) {
                notices.add("SMS notice not sent: the practice has turned SMS notices off.");
            } else if (!smsAvailable) {
                notices.add("SMS notice not sent: no SMS provider is configured.");
            } else if (invitee.mobile() == null) {
                notices.add("SMS notice not sent: no mobile number is known for the invitee.");
            } else {
                channels.add(Channel.SMS);
            }
        }
        return channels;
    }

    /**
     * Issues a new link for an invitation: the old link stops working at once, the expiry starts
     * again, and the email (and SMS notice) are sent again. Limited per hour and per day by the
     * practice's settings.
     *
     * @param practiceId the practice (an invitation of another practice is not found)
     * @param invitationId the invitation
     * @param staffId who asked
     * @return the invitation with its new link
     * @throws InvitationNotFoundException when it does not exist at this practice
     * @throws InvitationClosedException when it was accepted
     * @throws ResendLimitExceededException when resent too often
     */
    public Invitation resend(PracticeId practiceId, InvitationId invitationId, StaffId staffId) {
        PortalSettings practice = settings.requireEnabled(practiceId);
        return storage.transactions().inTransaction(() -> {
            Instant now = clock.instant();
            Invitation invitation = load(practiceId, invitationId);
            if (invitation.status() == InvitationStatus.ACCEPTED) {
                throw new InvitationClosedException(invitationId, invitation.status());
            }
            if (!invitation.status().isOpen()) {
                Optional<Invitation> other = storage.invitations()
                        .findOpen(
                                practiceId,
                                invitation.patient().id(),
                                invitation.invitee().email().lookupKey());
                if (other.isPresent()) {
                    throw new InvitationClosedException(invitationId, invitation.status());
                }
            }
            return reissue(invitation, practice, staffId, now);
        });
    }

    /**
     * Revokes an invitation: its link stops working and queued messages are not sent. Revoking a
     * closed invitation changes nothing.
     *
     * @param practiceId the practice
     * @param invitationId the invitation
     * @param staffId who asked
     * @return the invitation as it now is
     * @throws InvitationNotFoundException when it does not exist at this practice
     */
    public Invitation revoke(PracticeId practiceId, InvitationId invitationId, StaffId staffId) {
        return storage.transactions().inTransaction(() -> {
            Invitation invitation = load(practiceId, invitationId);
            if (!invitation.status().isOpen()) {
                return invitation;
            }
            return revokeOpen(invitation, RevocationReason.STAFF, "staff:" + staffId, clock.instant());
        });
    }

    /**
     * Turns a patient's portal access off at one practice, as the demographic toggle does: revokes
     * every open invitation and every access grant to this patient at this practice. Access at
     * other practices is untouched.
     *
     * @param practiceId the practice
     * @param patientId the patient
     * @param staffId who asked
     * @return how many invitations and grants were revoked
     */
    public AccessRemoval removeAccess(PracticeId practiceId, PatientId patientId, StaffId staffId) {
        return storage.transactions().inTransaction(() -> {
            Instant now = clock.instant();
            LocalDate today = LocalDate.ofInstant(now, settings.get(practiceId).timeZone());
            int invitations = 0;
            for (Invitation invitation : storage.invitations().findByPatient(practiceId, patientId)) {
                if (invitation.status().isOpen()) {
                    revokeOpen(invitation, RevocationReason.STAFF, "staff:" + staffId, now);
                    invitations++;
                }
            }
            int grants = 0;
            for (PatientAccess access : storage.accounts().findAccessByPatient(practiceId, patientId)) {
                if (access.isActive(today)
                        && storage.accounts()
                                .updateAccessIfOpen(access.revoked(now, "staff:" + staffId), access.scope())) {
                    storage.audit()
                            .append(AuditEvent.of(AuditAction.ACCESS_REVOKED, "staff:" + staffId, now)
                                    .practice(practiceId)
                                    .patient(patientId)
                                    .account(access.accountId())
                                    .detail("access", access.id())
                                    .detail("kind", access.kind())
                                    .detail("reason", AccessEndReason.REVOKED_BY_STAFF)
                                    .build());
                    events.publishAfterCommit(new PortalEvent.AccessEnded(
                            access.id(),
                            practiceId,
                            patientId,
                            access.accountId(),
                            AccessEndReason.REVOKED_BY_STAFF,
                            now));
                    grants++;
                }
            }
            return new AccessRemoval(invitations, grants);
        });
    }

    /**
     * Finds an invitation of a practice.
     *
     * @param practiceId the practice
     * @param invitationId the invitation
     * @return the invitation, or empty
     */
    public Optional<Invitation> find(PracticeId practiceId, InvitationId invitationId) {
        return storage.invitations()
                .findById(invitationId)
                .filter(i -> i.practiceId().equals(practiceId));
    }

    /**
     * Lists a patient's invitations at a practice, oldest first, for the demographic window.
     *
     * @param practiceId the practice
     * @param patientId the patient
     * @return the invitations
     */
    public List<Invitation> history(PracticeId practiceId, PatientId patientId) {
        return storage.invitations().findByPatient(practiceId, patientId);
    }

    /**
     * Lists an invitation's outbound messages with their delivery state (attempts, last error).
     *
     * @param practiceId the practice
     * @param invitationId the invitation
     * @return the messages, oldest first
     * @throws InvitationNotFoundException when it does not exist at this practice
     */
    public List<OutboundMessage> deliveries(PracticeId practiceId, InvitationId invitationId) {
        load(practiceId, invitationId);
        return storage.outbox().findByInvitation(invitationId);
    }

    /**
     * Lists the audit trail of a patient at a practice, oldest first.
     *
     * @param practiceId the practice
     * @param patientId the patient
     * @return the entries
     */
    public List<AuditEvent> auditTrail(PracticeId practiceId, PatientId patientId) {
        return storage.audit().findByPatient(practiceId, patientId);
    }

    /** Validates every field of the request at once and builds the patient snapshot and invitee. */
    Parsed parse(InviteRequest request, PortalSettings practice, Violations v) {
        String region = practice.defaultPhoneRegion();
        LocalDate today = LocalDate.now(clock.withZone(practice.timeZone()));
        PatientId patientId = v.capture(() -> PatientId.parse("patient.id", request.patientId()));
        PersonName name = v.capture(() -> PersonName.parse("patient", request.givenName(), request.familyName()));
        LocalDate dob = v.capture(() -> Patient.checkDateOfBirth("patient.dateOfBirth", request.dateOfBirth(), today));
        EmailAddress email =
                blank(request.email()) ? null : v.capture(() -> EmailAddress.parse("patient.email", request.email()));
        PhoneNumber mobile = blank(request.mobile())
                ? null
                : v.capture(() -> PhoneNumber.parse("patient.mobile", request.mobile(), region));
        InviteRequest.CarerDetails c = request.carer();
        Carer carer = null;
        if (c == null) {
            if (blank(request.email())) {
                v.add("patient.email", "required", "is required to send Patient Portal access by email");
            }
        } else {
            PersonName carerName = v.capture(() -> PersonName.parse("carer", c.givenName(), c.familyName()));
            EmailAddress carerEmail = v.capture(() -> EmailAddress.parse("carer.email", c.email()));
            PhoneNumber carerMobile =
                    blank(c.mobile()) ? null : v.capture(() -> PhoneNumber.parse("carer.mobile", c.mobile(), region));
            if (c.relationship() == null) {
                v.add("carer.relationship", "required", "is required");
            }
            v.throwIfAny();
            carer = new Carer(
                    Objects.requireNonNull(carerName),
                    Objects.requireNonNull(carerEmail),
                    carerMobile,
                    Objects.requireNonNull(c.relationship()));
        }
        v.throwIfAny();
        Patient patient = new Patient(
                Objects.requireNonNull(patientId),
                Objects.requireNonNull(name),
                Objects.requireNonNull(dob),
                email,
                mobile);
        return new Parsed(patient, carer == null ? Invitee.patient(patient) : Invitee.carer(carer));
    }

    record Parsed(Patient patient, Invitee invitee) {}

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }

    private static boolean hasAccess(
            PortalSettings practice, PatientId patientId, Invitee invitee, List<PatientAccess> held, Instant now) {
        PracticeId practiceId = practice.practiceId();
        LocalDate today = LocalDate.ofInstant(now, practice.timeZone());
        AccessKind kind = invitee.kind() == InviteeKind.PATIENT ? AccessKind.SELF : AccessKind.PROXY;
        return held.stream()
                .anyMatch(a -> a.practiceId().equals(practiceId)
                        && a.patientId().equals(patientId)
                        && a.kind() == kind
                        && a.isActive(today));
    }

    /** Refuses invitations the practice's age rules would not let anyone accept. */
    void checkAgeRules(PortalSettings practice, Patient patient, Invitee invitee, Instant now) {
        AgePolicy ages = practice.agePolicy();
        LocalDate today = LocalDate.ofInstant(now, practice.timeZone());
        if (invitee.kind() == InviteeKind.PATIENT && !ages.mayHoldOwnAccount(patient.dateOfBirth(), today)) {
            throw new ValidationException(
                    "patient.dateOfBirth",
                    "age.own_account",
                    "Patients under " + ages.ownAccountMinimumAge() + " cannot hold their own Patient Portal account "
                            + "at this practice: invite a parent or guardian instead");
        }
        LocalDate parentalEnd =
                ages.appliesTo(invitee.relationship()) ? ages.parentalEndsOn(patient.dateOfBirth()) : null;
        if (parentalEnd != null && !today.isBefore(parentalEnd)) {
            throw new ValidationException(
                    "carer.relationship",
                    "age.parental_access_ended",
                    "Under the practice's age rules a parent's access ends at " + ages.parentalEndAge()
                            + ": invite the patient, or choose another relationship such as carer");
        }
    }

    /**
     * Warns about (or, under {@link SharedEmailPolicy#SEPARATE_LOGIN_PER_PATIENT}, refuses) contact
     * details other patients of this practice already use. Patients of other practices are not
     * looked at, so nothing about them is disclosed.
     */
    private static List<ContactWarning> contactWarnings(
            PortalSettings practice,
            Patient patient,
            Invitee invitee,
            Set<Channel> channels,
            List<PatientAccess> held,
            List<PatientId> sharingMobile,
            Instant now) {
        List<ContactWarning> warnings = new ArrayList<>(1);
        String emailField = invitee.kind() == InviteeKind.PATIENT ? "patient.email" : "carer.email";
        LocalDate today = LocalDate.ofInstant(now, practice.timeZone());
        List<PatientId> othersSelf = held.stream()
                .filter(a -> a.practiceId().equals(practice.practiceId())
                        && a.kind() == AccessKind.SELF
                        && !a.patientId().equals(patient.id())
                        && a.isActive(today))
                .map(PatientAccess::patientId)
                .distinct()
                .toList();
        if (invitee.kind() == InviteeKind.PATIENT && !othersSelf.isEmpty()) {
            if (practice.sharedEmail() == SharedEmailPolicy.SEPARATE_LOGIN_PER_PATIENT) {
                throw new ValidationException(
                        emailField,
                        "email.shared",
                        "is already the Patient Portal login of another patient; each patient needs their own "
                                + "email address at this practice (or invite the account holder as their carer)");
            }
            warnings.add(new ContactWarning(
                    ContactWarning.Kind.SHARED_EMAIL,
                    emailField,
                    othersSelf,
                    "This email is already the Patient Portal login of another patient of this practice: "
                            + "one login will cover both."));
        }
        PhoneNumber mobile = invitee.mobile();
        if (mobile != null && channels.contains(Channel.SMS)) {
            List<PatientId> sharing = sharingMobile.stream()
                    .filter(p -> !p.equals(patient.id()))
                    .limit(MAX_NAMED_PATIENTS)
                    .toList();
            if (!sharing.isEmpty()) {
                warnings.add(new ContactWarning(
                        ContactWarning.Kind.SHARED_MOBILE,
                        invitee.kind() == InviteeKind.PATIENT ? "patient.mobile" : "carer.mobile",
                        sharing,
                        "This mobile number already receives Patient Portal notices for another patient of this "
                                + "practice."));
            }
        }
        return warnings;
    }

    private Invitation create(
            PracticeId practiceId,
            Patient patient,
            Invitee invitee,
            Set<Channel> channels,
            InvitationOrigin origin,
            StaffId staff,
            PortalSettings practice,
            Instant now) {
        InvitationId id = InvitationId.random();
        TokenNonce nonce = tokens.newNonce();
        Instant expires = now.plus(practice.invitationLifetime());
        Invitation invitation = new Invitation(
                id,
                practiceId,
                patient,
                invitee,
                channels,
                origin,
                InvitationStatus.PENDING,
                nonce,
                tokens.digest(id.value(), nonce),
                now,
                expires,
                now,
                staff,
                0,
                0,
                null,
                null,
                null,
                now,
                1);
        storage.insertInvitation(
                invitation,
                OutboxPacing.pace(storage.outbox(), practice, messagesFor(invitation), now),
                AuditEvent.of(AuditAction.INVITATION_CREATED, "staff:" + staff, now)
                        .practice(practiceId)
                        .patient(patient.id())
                        .invitation(id)
                        .detail("origin", origin)
                        .detail("invitee", invitee.kind())
                        .detail("relationship", invitee.relationship() == null ? "SELF" : invitee.relationship())
                        .detail("channels", channels)
                        .detail("expiresAt", expires)
                        .build());
        events.publishAfterCommit(new PortalEvent.InvitationCreated(id, practiceId, patient.id(), invitee.kind(), now));
        log.info(
                "invitation {} created at practice {} for patient {} (invitee {}, channels {})",
                id,
                practiceId,
                patient.id(),
                invitee.kind(),
                channels);
        return invitation;
    }

    List<OutboundMessage> messagesFor(Invitation invitation) {
        Instant now = invitation.issuedAt();
        List<OutboundMessage> messages = new ArrayList<>(2);
        messages.add(OutboundMessage.pending(
                invitation.practiceId(),
                invitation.id(),
                MessageKind.INVITATION_EMAIL,
                invitation.invitee().email().value(),
                invitation.tokenNonce(),
                now,
                messageIdDomain));
        PhoneNumber mobile = invitation.invitee().mobile();
        if (invitation.channels().contains(Channel.SMS) && mobile != null) {
            messages.add(OutboundMessage.pending(
                    invitation.practiceId(),
                    invitation.id(),
                    MessageKind.INVITATION_SMS_NOTICE,
                    mobile.e164(),
                    invitation.tokenNonce(),
                    now,
                    messageIdDomain));
        }
        return messages;
    }

    private Invitation reissue(Invitation invitation, PortalSettings practice, StaffId staff, Instant now) {
        checkResendLimits(invitation, practice, now);
        TokenNonce nonce = tokens.newNonce();
        Invitation reissued = invitation.reissued(
                nonce, tokens.digest(invitation.id().value(), nonce), now, now.plus(practice.invitationLifetime()));
        if (!storage.invitations().update(reissued)) {
            throw new ConcurrentChangeException("The invitation");
        }
        cancelPending(invitation, "superseded by a newer link", now);
        OutboxPacing.pace(storage.outbox(), practice, messagesFor(reissued), now)
                .forEach(storage.outbox()::insert);
        storage.audit()
                .append(AuditEvent.of(AuditAction.INVITATION_RESENT, "staff:" + staff, now)
                        .practice(invitation.practiceId())
                        .patient(invitation.patient().id())
                        .invitation(invitation.id())
                        .detail("resendCount", reissued.resendCount())
                        .detail("expiresAt", reissued.expiresAt())
                        .build());
        log.info("invitation {} resent with a new link (resend {})", invitation.id(), reissued.resendCount());
        events.publishAfterCommit(new PortalEvent.InvitationResent(
                invitation.id(), invitation.practiceId(), invitation.patient().id(), now));
        return reissued;
    }

    private void checkResendLimits(Invitation invitation, PortalSettings practice, Instant now) {
        List<Instant> resends = storage.audit().findByInvitation(invitation.id()).stream()
                .filter(e -> e.action() == AuditAction.INVITATION_RESENT)
                .map(AuditEvent::occurredAt)
                .filter(t -> t.isAfter(now.minus(Duration.ofDays(1))))
                .sorted()
                .toList();
        List<Instant> lastHour = resends.stream()
                .filter(t -> t.isAfter(now.minus(Duration.ofHours(1))))
                .toList();
        if (lastHour.size() >= practice.maxResendsPerHour()) {
            throw new ResendLimitExceededException(
                    practice.maxResendsPerHour() + " times in the last hour",
                    lastHour.get(lastHour.size() - practice.maxResendsPerHour()).plus(Duration.ofHours(1)));
        }
        if (resends.size() >= practice.maxResendsPerDay()) {
            throw new ResendLimitExceededException(
                    practice.maxResendsPerDay() + " times in the last 24 hours",
                    resends.get(resends.size() - practice.maxResendsPerDay()).plus(Duration.ofDays(1)));
        }
    }

    private Invitation revokeOpen(Invitation invitation, RevocationReason reason, String actor, Instant now) {
        Invitation revoked = invitation.revoked(now, reason);
        if (!storage.invitations().update(revoked)) {
            throw new ConcurrentChangeException("The invitation");
        }
        cancelPending(invitation, "invitation revoked", now);
        storage.audit()
                .append(AuditEvent.of(AuditAction.INVITATION_REVOKED, actor, now)
                        .practice(invitation.practiceId())
                        .patient(invitation.patient().id())
                        .invitation(invitation.id())
                        .detail("reason", reason)
                        .build());
        log.info("invitation {} revoked ({})", invitation.id(), reason);
        events.publishAfterCommit(new PortalEvent.InvitationRevoked(
                invitation.id(), invitation.practiceId(), invitation.patient().id(), reason, now));
        return revoked;
    }

    void expire(Invitation invitation, Instant now) {
        if (!storage.invitations().update(invitation.expired(now))) {
            throw new ConcurrentChangeException("The invitation");
        }
        cancelPending(invitation, "invitation expired", now);
        storage.audit()
                .append(AuditEvent.of(AuditAction.INVITATION_EXPIRED, "system", now)
                        .practice(invitation.practiceId())
                        .patient(invitation.patient().id())
                        .invitation(invitation.id())
                        .build());
        events.publishAfterCommit(new PortalEvent.InvitationExpired(
                invitation.id(), invitation.practiceId(), invitation.patient().id(), now));
    }

    private void cancelPending(Invitation invitation, String reason, Instant now) {
        for (OutboundMessage m : storage.outbox().findByInvitation(invitation.id())) {
            if (m.status() == MessageStatus.PENDING) {
                storage.outbox().cancel(m.id(), reason, now);
            }
        }
    }

    private Invitation load(PracticeId practiceId, InvitationId invitationId) {
        return find(practiceId, invitationId).orElseThrow(() -> new InvitationNotFoundException(invitationId));
    }

    /**
     * What {@link #removeAccess} revoked.
     *
     * @param invitations open invitations revoked
     * @param grants access grants revoked
     */
    public record AccessRemoval(int invitations, int grants) {}
}
