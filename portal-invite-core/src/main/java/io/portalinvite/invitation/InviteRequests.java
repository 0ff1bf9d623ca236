package io.portalinvite.invitation;

import io.portalinvite.common.PatientId;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.StaffId;
import io.portalinvite.common.ValidationException;
import io.portalinvite.common.Violations;
import io.portalinvite.party.Carer;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.party.Patient;
import io.portalinvite.party.PersonName;
import io.portalinvite.party.PhoneNumber;
import io.portalinvite.settings.PortalSettings;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Turns what staff entered into a validated invite: every field checked at once, so a
 * {@link ValidationException} names all bad fields together, and nothing is read or written.
 */
final class InviteRequests {

    private InviteRequests() {}

    /**
     * A request whose fields all passed validation.
     *
     * @param practiceId the practice
     * @param staff who asked
     * @param patient the patient snapshot
     * @param invitee who receives the invitation
     * @param request the request as entered (channels asked for, origin, resend wish)
     * @param language the language chosen for this patient's messages, or null for the practice's
     */
    record Valid(
            PracticeId practiceId,
            StaffId staff,
            Patient patient,
            Invitee invitee,
            InviteRequest request,
            @Nullable Locale language) {

        /** The one open invitation this request may have. */
        InvitationStore.OpenKey key() {
            return new InvitationStore.OpenKey(
                    practiceId, patient.id(), invitee.email().lookupKey());
        }
    }

    /**
     * Parses the request's practice id, or returns null when it is not a valid id (the error is then
     * reported with every other one by {@link #parse}).
     */
    static @Nullable PracticeId practiceIdOrNull(InviteRequest request) {
        try {
            return PracticeId.parse("practiceId", request.practiceId());
        } catch (ValidationException e) {
            return null;
        }
    }

    /**
     * Validates every field against a practice's settings (phone region, time zone).
     *
     * @param request what staff entered
     * @param practice the settings to check against; the library's defaults when the practice id
     *     itself is invalid, so that every error shows at once
     * @param clock today's date, for the date of birth
     * @return the valid request
     * @throws ValidationException naming every bad field
     */
    static Valid parse(InviteRequest request, PortalSettings practice, Clock clock) {
        Violations v = new Violations();
        PracticeId practiceId = v.capture(() -> PracticeId.parse("practiceId", request.practiceId()));
        StaffId staff = v.capture(() -> StaffId.parse("staffId", request.staffId()));
        String region = practice.practice().defaultPhoneRegion();
        LocalDate today = LocalDate.now(clock.withZone(practice.practice().timeZone()));
        PatientId patientId = v.capture(() -> PatientId.parse("patient.id", request.patientId()));
        PersonName name = v.capture(() -> PersonName.parse("patient", request.givenName(), request.familyName()));
        LocalDate dob = v.capture(() -> Patient.checkDateOfBirth("patient.dateOfBirth", request.dateOfBirth(), today));
        EmailAddress email =
                blank(request.email()) ? null : v.capture(() -> EmailAddress.parse("patient.email", request.email()));
        PhoneNumber mobile = blank(request.mobile())
                ? null
                : v.capture(() -> PhoneNumber.parse("patient.mobile", request.mobile(), region));
        Locale language = blank(request.language()) ? null : v.capture(() -> language(request.language()));
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
        return new Valid(
                Objects.requireNonNull(practiceId),
                Objects.requireNonNull(staff),
                patient,
                carer == null ? Invitee.patient(patient) : Invitee.carer(carer),
                request,
                language);
    }

    /** Longest language tag accepted (BCP 47 tags in use are far shorter). */
    private static final int MAX_LANGUAGE_TAG = 35;

    /** Parses a BCP 47 language tag such as {@code es}, {@code zh-Hans} or {@code pt_BR}. */
    static Locale language(@Nullable String raw) {
        String tag = raw == null ? "" : raw.strip().replace('_', '-');
        Locale locale = tag.length() > MAX_LANGUAGE_TAG || !tag.matches("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")
                ? Locale.ROOT
                : Locale.forLanguageTag(tag);
        if (locale.getLanguage().isEmpty()) {
            throw new ValidationException(
                    "language", "language.tag", "is not a BCP 47 language tag such as es, zh-Hans or ar");
        }
        return locale;
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
