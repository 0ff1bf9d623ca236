package io.portalinvite.invitation;

import io.portalinvite.account.PatientAccess;
import io.portalinvite.common.AccessKind;
import io.portalinvite.common.Channel;
import io.portalinvite.common.InviteeKind;
import io.portalinvite.common.PatientId;
import io.portalinvite.common.ValidationException;
import io.portalinvite.invitation.InviteResult.ContactWarning;
import io.portalinvite.party.Patient;
import io.portalinvite.party.PhoneNumber;
import io.portalinvite.settings.AgePolicy;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.settings.SharedEmailPolicy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The rules that decide whether someone may be invited, shared by single and bulk invitation: the
 * practice's age rules, access the invitee already holds, contact details other patients already
 * use, and which channels an invitation goes by. Reads nothing; the callers bring what they read.
 */
final class Eligibility {

    /** At most this many other patients are named in a contact warning. */
    static final int MAX_NAMED_PATIENTS = 10;

    private Eligibility() {}

    /** The kind of grant accepting an invitation to this invitee makes. */
    static AccessKind accessKind(Invitee invitee) {
        return invitee.kind() == InviteeKind.PATIENT ? AccessKind.SELF : AccessKind.PROXY;
    }

    /**
     * Refuses invitations the practice's age rules would not let anyone accept.
     *
     * @throws ValidationException naming the rule ({@code age.own_account}, {@code age.parental_access_ended})
     */
    static void checkAgeRules(PortalSettings practice, Patient patient, Invitee invitee, Instant now) {
        AgePolicy ages = practice.registration().agePolicy();
        LocalDate today = LocalDate.ofInstant(now, practice.practice().timeZone());
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

    /** Whether the invitee already holds the access this invitation would give, in force today. */
    static boolean hasAccess(
            PortalSettings practice, PatientId patientId, Invitee invitee, List<PatientAccess> held, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, practice.practice().timeZone());
        AccessKind kind = accessKind(invitee);
        return held.stream()
                .anyMatch(a -> a.practiceId().equals(practice.practiceId())
                        && a.patientId().equals(patientId)
                        && a.kind() == kind
                        && a.isActive(today));
    }

    /** The other patients of this practice for whom the invitee's login already holds SELF access. */
    static List<PatientId> othersWithOwnAccess(
            PortalSettings practice, PatientId patientId, List<PatientAccess> held, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, practice.practice().timeZone());
        return held.stream()
                .filter(a -> a.practiceId().equals(practice.practiceId())
                        && a.kind() == AccessKind.SELF
                        && !a.patientId().equals(patientId)
                        && a.isActive(today))
                .map(PatientAccess::patientId)
                .distinct()
                .toList();
    }

    /**
     * Whether the practice refuses this invitee's email because it is already another patient's
     * own login ({@link SharedEmailPolicy#SEPARATE_LOGIN_PER_PATIENT}).
     */
    static boolean sharedEmailRefused(
            PortalSettings practice, Patient patient, Invitee invitee, List<PatientAccess> held, Instant now) {
        return invitee.kind() == InviteeKind.PATIENT
                && practice.registration().sharedEmail() == SharedEmailPolicy.SEPARATE_LOGIN_PER_PATIENT
                && !othersWithOwnAccess(practice, patient.id(), held, now).isEmpty();
    }

    /**
     * Warns about (or, under {@link SharedEmailPolicy#SEPARATE_LOGIN_PER_PATIENT}, refuses) contact
     * details other patients of this practice already use. Patients of other practices are not
     * looked at, so nothing about them is disclosed.
     */
    static List<ContactWarning> contactWarnings(
            PortalSettings practice,
            Patient patient,
            Invitee invitee,
            Set<Channel> channels,
            List<PatientAccess> held,
            List<PatientId> sharingMobile,
            Instant now) {
        List<ContactWarning> warnings = new ArrayList<>(1);
        String emailField = invitee.kind() == InviteeKind.PATIENT ? "patient.email" : "carer.email";
        List<PatientId> othersSelf = othersWithOwnAccess(practice, patient.id(), held, now);
        if (invitee.kind() == InviteeKind.PATIENT && !othersSelf.isEmpty()) {
            if (practice.registration().sharedEmail() == SharedEmailPolicy.SEPARATE_LOGIN_PER_PATIENT) {
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

    /**
     * The channels an invitation goes by: always email (it carries the link), plus the SMS notice
     * when asked for and possible; each reason it is not sent is added to {@code notices}.
     */
    static Set<Channel> channels(
            boolean smsAsked, PortalSettings practice, Invitee invitee, boolean smsAvailable, List<String> notices) {
        Set<Channel> channels = EnumSet.of(Channel.EMAIL);
        if (smsAsked) {
            if (!practice.delivery().smsNotice()) {
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
}
