package io.portalinvite.examples.demo.patients;

import io.portalinvite.PortalInvite;
import io.portalinvite.account.PatientAccess;
import io.portalinvite.account.PortalAccount;
import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.common.AccessEndReason;
import io.portalinvite.common.AccessKind;
import io.portalinvite.common.Channel;
import io.portalinvite.common.InvitationId;
import io.portalinvite.common.InviteeKind;
import io.portalinvite.common.ValidationException;
import io.portalinvite.common.Violations;
import io.portalinvite.delivery.OutboundMessage;
import io.portalinvite.examples.demo.Practice;
import io.portalinvite.examples.demo.StaffUsers;
import io.portalinvite.invitation.Invitation;
import io.portalinvite.invitation.Invitation.InvitationStatus;
import io.portalinvite.invitation.InviteRequest;
import io.portalinvite.invitation.InviteResult;
import io.portalinvite.invitation.PatientStatus;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.party.PersonName;
import io.portalinvite.party.PhoneNumber;
import io.portalinvite.party.Relationship;
import io.portalinvite.settings.PortalSettings;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The host's service: saves patients and appointments in the practice's tables and sends or removes
 * Patient Portal access in the same transaction, so a failed save sends nothing and an invalid
 * invitation saves nothing. Field errors use the library's names ({@code patient.email},
 * {@code carer.mobile}...) and the host's own ({@code appointment.time}, {@code portalAccess}).
 */
@Service
public class PracticeService {

    /** The practitioners the booking screen offers. */
    public static final List<String> PRACTITIONERS = List.of("Dr Amelia Chen", "Dr Raj Patel", "Nurse Sam Okafor");

    private final PatientRepository patients;
    private final PortalInvite portal;
    private final Practice practice;

    /**
     * Creates the service.
     *
     * @param patients the practice's records
     * @param portal the portal
     * @param practice the practice and staff member
     */
    public PracticeService(PatientRepository patients, PortalInvite portal, Practice practice) {
        this.patients = patients;
        this.portal = portal;
        this.practice = practice;
    }

    /**
     * The result of booking a new patient.
     *
     * @param patient the saved patient
     * @param invite what the portal did, or null when access was not sent
     */
    public record Booked(Patient patient, @Nullable InviteResult invite) {}

    /**
     * Saves a new patient and their appointment and, with the toggle on, sends Patient Portal access
     * to them or to their carer or parent, all in one transaction.
     *
     * @param form what staff typed
     * @return the patient and the invitation outcome
     * @throws ValidationException naming every bad field; nothing is saved
     */
    @Transactional
    public Booked bookNewPatient(NewPatientBooking form) {
        PortalSettings settings = practice.settings();
        Violations v = new Violations();
        PatientDetails details = details(
                v, form.givenName(), form.familyName(), form.dateOfBirth(), form.email(), form.mobile(), settings);
        LocalDate day = date(v, "appointment.date", form.appointmentDate());
        LocalTime time = null;
        if (blank(form.appointmentTime())) {
            v.add("appointment.time", "required", "is required");
        } else {
            try {
                time = LocalTime.parse(
                        Objects.requireNonNull(form.appointmentTime()).strip());
            } catch (DateTimeParseException e) {
                v.add("appointment.time", "time.syntax", "must be a time such as 09:30");
            }
        }
        if (form.practitioner() == null || !PRACTITIONERS.contains(form.practitioner())) {
            v.add("appointment.practitioner", "required", "is required");
        }
        if (form.sendsPortalAccess() && !settings.enabled()) {
            v.add(
                    "sendPortalAccess",
                    "portal.disabled",
                    "cannot be used until the Patient Portal is enabled in Portal Settings");
        }
        v.throwIfAny();
        Objects.requireNonNull(details);
        Patient patient = patients.insert(
                details.name().given(),
                details.name().family(),
                details.dateOfBirth(),
                trimmed(form.email()),
                trimmed(form.mobile()));
        patients.book(
                patient.id(),
                LocalDateTime.of(Objects.requireNonNull(day), Objects.requireNonNull(time)),
                Objects.requireNonNull(form.practitioner()),
                blank(form.reason())
                        ? "New patient"
                        : Objects.requireNonNull(form.reason()).strip());
        if (!form.sendsPortalAccess()) {
            return new Booked(patient, null);
        }
        InviteRequest.Builder request = InviteRequest.newPatient(
                        practice.id().value(), practice.staff().value())
                .patientId(patient.portalId().value())
                .name(patient.givenName(), patient.familyName())
                .dateOfBirth(patient.dateOfBirth())
                .email(patient.email())
                .mobile(patient.mobile());
        if (form.forSomeoneElse()) {
            request.carer(
                    form.carerGivenName(),
                    form.carerFamilyName(),
                    form.carerEmail(),
                    form.carerMobile(),
                    relationship(form.carerRelationship()));
        }
        // the library validates the invitation (emails, the carer's details...); its exception rolls
        // back the patient and the appointment saved above
        return new Booked(patient, portal.invitations().invite(request.build()));
    }

    /**
     * The result of saving the demographic window.
     *
     * @param patient the saved patient
     * @param invite the invitation outcome when the toggle was turned on, else null
     * @param removed whether access was removed because the toggle was turned off
     */
    public record Saved(Patient patient, @Nullable InviteResult invite, boolean removed) {}

    /**
     * Saves a patient's details and applies the toggle: turned on, it invites the patient by email;
     * turned off, it revokes every open invitation and access grant of this patient.
     *
     * @param id the patient number
     * @param form what staff typed
     * @return what was done
     * @throws ValidationException naming every bad field; nothing is saved
     */
    @Transactional
    public Saved saveDemographics(long id, Demographics form) {
        Patient before = patients.find(id).orElseThrow(() -> new PatientNotFoundException(id));
        PortalSettings settings = practice.settings();
        Violations v = new Violations();
        PatientDetails details = details(
                v, form.givenName(), form.familyName(), form.dateOfBirth(), form.email(), form.mobile(), settings);
        boolean wasOn = accessOn(before);
        if (form.accessOn() && !wasOn && !settings.enabled()) {
            v.add(
                    "portalAccess",
                    "portal.disabled",
                    "cannot be turned on until the Patient Portal is enabled in Portal Settings");
        }
        v.throwIfAny();
        Objects.requireNonNull(details);
        Patient patient = new Patient(
                id,
                details.name().given(),
                details.name().family(),
                details.dateOfBirth(),
                trimmed(form.email()),
                trimmed(form.mobile()));
        patients.update(patient);
        if (form.accessOn() && !wasOn) {
            InviteResult result = portal.invitations()
                    .invite(InviteRequest.existingPatient(
                                    practice.id().value(), practice.staff().value())
                            .patientId(patient.portalId().value())
                            .name(patient.givenName(), patient.familyName())
                            .dateOfBirth(patient.dateOfBirth())
                            .email(patient.email())
                            .mobile(patient.mobile())
                            .build());
            return new Saved(patient, result, false);
        }
        if (!form.accessOn() && wasOn) {
            portal.invitations().removeAccess(practice.id(), patient.portalId(), practice.staff());
            return new Saved(patient, null, true);
        }
        return new Saved(patient, null, false);
    }

    /**
     * Invites a carer or parent to act for an existing patient, whatever the patient's own access:
     * a parent for a child without an email, a second parent, or a carer invited again after their
     * access was revoked. The SMS notice goes to the carer's mobile when one is given.
     *
     * @param id the patient number
     * @param form the carer's details as typed
     * @return the library's answer (invited, already invited, already has access)
     * @throws ValidationException naming every bad carer field
     */
    @Transactional
    public InviteResult inviteCarer(long id, CarerInvite form) {
        Patient patient = patients.find(id).orElseThrow(() -> new PatientNotFoundException(id));
        return portal.invitations()
                .invite(InviteRequest.existingPatient(
                                practice.id().value(), practice.staff().value())
                        .patientId(patient.portalId().value())
                        .name(patient.givenName(), patient.familyName())
                        .dateOfBirth(patient.dateOfBirth())
                        .email(patient.email())
                        .mobile(patient.mobile())
                        .carer(
                                form.carerGivenName(),
                                form.carerFamilyName(),
                                form.carerEmail(),
                                form.carerMobile(),
                                relationship(form.carerRelationship()))
                        .smsNotice(!blank(form.carerMobile()))
                        .build());
    }

    /**
     * Sends a new link for one of a patient's invitations (the old link stops working).
     *
     * @param id the patient number
     * @param invitationId the invitation
     * @return the invitation with its new link
     */
    @Transactional
    public Invitation resend(long id, String invitationId) {
        Patient patient = patients.find(id).orElseThrow(() -> new PatientNotFoundException(id));
        InvitationId invitation = InvitationId.of(invitationId);
        boolean ofThisPatient = portal.invitations().history(practice.id(), patient.portalId()).stream()
                .anyMatch(i -> i.id().equals(invitation));
        if (!ofThisPatient) {
            throw new PatientNotFoundException(id);
        }
        return portal.invitations().resend(practice.id(), invitation, practice.staff());
    }

    /**
     * Tells whether the toggle shows on for a patient: someone holds access, or a live invitation is out.
     *
     * @param patient the patient
     * @return the state
     */
    public boolean accessOn(Patient patient) {
        Instant now = Instant.now();
        return !activeGrants(patient).isEmpty()
                || portal.invitations().history(practice.id(), patient.portalId()).stream()
                        .anyMatch(i -> i.isLive(now));
    }

    /**
     * Assembles what the demographic window shows about a patient's portal access.
     *
     * @param patient the patient
     * @return the view
     */
    public PortalAccessView accessView(Patient patient) {
        Instant now = Instant.now();
        List<Invitation> history = new ArrayList<>(portal.invitations().history(practice.id(), patient.portalId()));
        history.sort(Comparator.comparing(Invitation::createdAt).reversed());
        List<AuditEvent> audit = portal.invitations().auditTrail(practice.id(), patient.portalId());
        List<PortalAccessView.Holder> holders = new ArrayList<>();
        for (PatientAccess access : activeGrants(patient)) {
            Optional<PortalAccount> account = portal.storage().accounts().findById(access.accountId());
            String who = access.kind() == AccessKind.SELF
                    ? "The patient"
                    : holderName(history, access) + " (" + relationship(access.relationship()) + ")";
            holders.add(new PortalAccessView.Holder(
                    who, account.map(a -> a.email().masked()).orElse(""), access.grantedAt()));
        }
        List<PortalAccessView.InvitationView> invitations = new ArrayList<>();
        for (Invitation invitation : history) {
            invitations.add(invitationView(invitation, audit, now));
        }
        boolean live = history.stream().anyMatch(i -> i.isLive(now));
        String summary;
        if (!holders.isEmpty()) {
            summary = holders.size() == 1 ? "Has Patient Portal access" : holders.size() + " people have access";
        } else if (live) {
            summary = "Invitation sent: waiting for the invitee to set a password";
        } else if (!history.isEmpty() && history.get(0).status() == InvitationStatus.ACCEPTED) {
            summary = "No access: access was revoked or has ended";
        } else if (!history.isEmpty()) {
            summary = "No access: the last invitation is "
                    + invitations.get(0).status().toLowerCase(Locale.ROOT);
        } else {
            summary = "No Patient Portal access yet";
        }
        List<PortalAccessView.Grant> grants = new ArrayList<>();
        LocalDate today = practice.today();
        for (PatientAccess access : portal.access().forPatient(practice.id(), patient.portalId())) {
            Optional<PortalAccount> account = portal.storage().accounts().findById(access.accountId());
            String who = access.kind() == AccessKind.SELF
                    ? "The patient"
                    : holderName(history, access) + " (" + relationship(access.relationship()) + ")";
            boolean active = access.isActive(today);
            String ended = null;
            if (access.revokedAt() != null) {
                ended = "Revoked by " + (access.revokedBy() == null ? "staff" : actor(access.revokedBy()));
            } else if (!active && access.endReason() == AccessEndReason.AGE_RULE) {
                ended = "Ended by the practice's age rule";
            } else if (!active && access.endsOn() != null && !today.isBefore(access.endsOn())) {
                ended = "Ended on its end date";
            } else if (!active) {
                ended = "Not started yet";
            }
            grants.add(new PortalAccessView.Grant(
                    access.id().value().toString(),
                    who,
                    account.map(a -> a.email().masked()).orElse(""),
                    access.grantedAt(),
                    active,
                    ended,
                    access.revokedAt()));
        }
        return new PortalAccessView(!holders.isEmpty() || live, summary, holders, invitations, grants);
    }

    /**
     * Revokes one access grant of a patient, leaving the others (a parent keeps a second child).
     *
     * @param id the patient number
     * @param grantId the grant
     * @return the revoked grant
     * @throws PatientNotFoundException when the grant is not this patient's
     */
    @Transactional
    public PatientAccess revokeGrant(long id, String grantId) {
        Patient patient = patients.find(id).orElseThrow(() -> new PatientNotFoundException(id));
        PatientAccess grant = portal.access().forPatient(practice.id(), patient.portalId()).stream()
                .filter(a -> a.id().value().toString().equals(grantId))
                .findFirst()
                .orElseThrow(() -> new PatientNotFoundException(id));
        return portal.access().revoke(practice.id(), grant.id(), practice.staff());
    }

    /**
     * Tells where each patient stands with the Patient Portal, from the library's status query.
     *
     * @param list the patients
     * @return each patient's state by patient number
     */
    public java.util.Map<Long, PatientStatus.State> statuses(List<Patient> list) {
        java.util.Map<Long, PatientStatus.State> out = new java.util.HashMap<>();
        for (int from = 0; from < list.size(); from += 200) {
            List<Patient> chunk = list.subList(from, Math.min(list.size(), from + 200));
            List<PatientStatus> statuses = portal.invitations()
                    .statuses(
                            practice.id(), chunk.stream().map(Patient::portalId).toList());
            for (PatientStatus status : statuses) {
                chunk.stream()
                        .filter(p -> p.portalId().equals(status.patientId()))
                        .forEach(p -> out.put(p.id(), status.state()));
            }
        }
        return out;
    }

    private PortalAccessView.InvitationView invitationView(Invitation invitation, List<AuditEvent> audit, Instant now) {
        List<PortalAccessView.Event> events = new ArrayList<>();
        boolean opened = false;
        boolean expiredRecorded = false;
        for (AuditEvent event : audit) {
            if (!invitation.id().equals(event.invitationId())) {
                continue;
            }
            String channel = event.channel() == Channel.SMS ? "SMS notice" : "Email";
            PortalAccessView.Event entry = switch (event.action()) {
                case INVITATION_CREATED ->
                    new PortalAccessView.Event(
                            event.occurredAt(), "Invitation created by " + actor(event.actor()), "muted");
                case INVITATION_RESENT ->
                    new PortalAccessView.Event(
                            event.occurredAt(), "Resent with a new link by " + actor(event.actor()), "muted");
                case DELIVERY_SENT ->
                    new PortalAccessView.Event(
                            event.occurredAt(),
                            event.channel() == Channel.SMS ? "SMS notice sent" : "Email delivered to the mail server",
                            "ok");
                case DELIVERY_DEFERRED ->
                    new PortalAccessView.Event(event.occurredAt(), channel + " not delivered yet; will retry", "warn");
                case DELIVERY_FAILED ->
                    new PortalAccessView.Event(event.occurredAt(), channel + " delivery failed", "bad");
                case INVITATION_VIEWED -> new PortalAccessView.Event(event.occurredAt(), "Link opened", "muted");
                case DATE_OF_BIRTH_FAILED ->
                    new PortalAccessView.Event(event.occurredAt(), "Wrong date of birth entered", "warn");
                case INVITATION_ACCEPTED ->
                    new PortalAccessView.Event(event.occurredAt(), "Accepted: password set", "ok");
                case INVITATION_EXPIRED -> new PortalAccessView.Event(event.occurredAt(), "Expired", "warn");
                case INVITATION_REVOKED ->
                    new PortalAccessView.Event(event.occurredAt(), "Revoked by " + actor(event.actor()), "bad");
                default -> null;
            };
            if (entry != null) {
                events.add(entry);
                opened |= event.action() == AuditAction.INVITATION_VIEWED;
                expiredRecorded |= event.action() == AuditAction.INVITATION_EXPIRED;
            }
        }
        InvitationStatus status = invitation.effectiveStatus(now);
        if (status == InvitationStatus.EXPIRED && !expiredRecorded) {
            events.add(new PortalAccessView.Event(invitation.expiresAt(), "Expired", "warn"));
        }
        events.sort(Comparator.comparing(PortalAccessView.Event::at));
        List<PortalAccessView.Delivery> deliveries = new ArrayList<>();
        for (OutboundMessage message : portal.invitations().deliveries(practice.id(), invitation.id())) {
            deliveries.add(new PortalAccessView.Delivery(
                    message.channel() == Channel.SMS ? "SMS" : "Email",
                    message.recipient(),
                    deliveryStatus(message),
                    message.attempts(),
                    message.sentAt(),
                    message.lastError()));
        }
        String label;
        String style;
        switch (status) {
            case PENDING -> {
                label = "Sending";
                style = "muted";
            }
            case SENT -> {
                label = opened ? "Sent, link opened" : "Sent";
                style = "info";
            }
            case DELIVERY_FAILED -> {
                label = "Delivery failed";
                style = "bad";
            }
            case ACCEPTED -> {
                label = "Accepted";
                style = "ok";
            }
            case EXPIRED -> {
                label = "Expired";
                style = "warn";
            }
            default -> {
                label = "Revoked";
                style = "bad";
            }
        }
        String invitee = invitation.invitee().kind() == InviteeKind.CARER
                ? invitation.invitee().name().fullName() + " ("
                        + relationship(invitation.invitee().relationship()) + ")"
                : invitation.invitee().name().fullName() + " (the patient)";
        PhoneNumber mobile = invitation.channels().contains(Channel.SMS)
                ? invitation.invitee().mobile()
                : null;
        return new PortalAccessView.InvitationView(
                invitation.id().value().toString(),
                invitee,
                invitation.invitee().email().value(),
                mobile == null ? null : mobile.e164(),
                label,
                style,
                invitation.createdAt(),
                invitation.expiresAt(),
                invitation.resendCount(),
                status != InvitationStatus.ACCEPTED && status != InvitationStatus.REVOKED,
                events,
                deliveries);
    }

    private List<PatientAccess> activeGrants(Patient patient) {
        LocalDate today = practice.today();
        return portal.access().forPatient(practice.id(), patient.portalId()).stream()
                .filter(a -> a.isActive(today))
                .toList();
    }

    private static String holderName(List<Invitation> history, PatientAccess access) {
        return history.stream()
                .filter(i -> i.id().equals(access.invitationId()))
                .findFirst()
                .map(i -> i.invitee().name().fullName())
                .orElse("A carer");
    }

    private static String deliveryStatus(OutboundMessage message) {
        return switch (message.status()) {
            case SENT -> "Sent";
            case PENDING -> message.attempts() == 0 ? "Waiting to send" : "Retrying";
            case FAILED -> "Failed";
            case CANCELLED -> "Not sent (cancelled)";
        };
    }

    private static String actor(String actor) {
        return StaffUsers.displayName(actor);
    }

    /**
     * Returns a relationship in words.
     *
     * @param relationship the relationship
     * @return e.g. "parent"
     */
    public static String relationship(@Nullable Relationship relationship) {
        return relationship == null ? "carer" : relationship.name().toLowerCase(Locale.ROOT);
    }

    private static @Nullable Relationship relationship(@Nullable String raw) {
        if (blank(raw)) {
            return null;
        }
        try {
            return Relationship.valueOf(Objects.requireNonNull(raw).strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private record PatientDetails(PersonName name, LocalDate dateOfBirth) {}

    /**
     * Checks the patient's own fields with the library's rules, so staff see the same messages
     * everywhere; returns null when any is bad (the violations say which).
     */
    private @Nullable PatientDetails details(
            Violations v,
            @Nullable String given,
            @Nullable String family,
            @Nullable String dateOfBirth,
            @Nullable String email,
            @Nullable String mobile,
            PortalSettings settings) {
        PersonName name = v.capture(() -> PersonName.parse("patient", given, family));
        LocalDate dob = date(v, "patient.dateOfBirth", dateOfBirth);
        LocalDate today = practice.today();
        if (dob != null) {
            LocalDate checked = dob;
            v.capture(() -> io.portalinvite.party.Patient.checkDateOfBirth("patient.dateOfBirth", checked, today));
        }
        if (!blank(email)) {
            v.capture(() -> EmailAddress.parse("patient.email", email));
        }
        if (!blank(mobile)) {
            v.capture(() -> PhoneNumber.parse(
                    "patient.mobile", mobile, settings.practice().defaultPhoneRegion()));
        }
        return name == null || dob == null ? null : new PatientDetails(name, dob);
    }

    private static @Nullable LocalDate date(Violations v, String field, @Nullable String raw) {
        if (blank(raw)) {
            v.add(field, "required", "is required");
            return null;
        }
        try {
            return LocalDate.parse(Objects.requireNonNull(raw).strip());
        } catch (DateTimeParseException e) {
            v.add(field, "date.syntax", "must be a date such as 1990-05-17");
            return null;
        }
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }

    private static @Nullable String trimmed(@Nullable String value) {
        return blank(value) ? null : Objects.requireNonNull(value).strip();
    }
}
