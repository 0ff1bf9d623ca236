package io.portalinvite.invitation;

import io.portalinvite.invitation.Invitation.InvitationOrigin;
import io.portalinvite.party.Relationship;
import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What staff entered to send Patient Portal access: the patient's details as the host holds them,
 * optionally a carer who receives the invitation instead, and the channels. Values are raw — as
 * typed into a form — and are validated all together by {@link InvitationService#invite}, which
 * reports every bad field at once.
 *
 * <p>Start with {@link #newPatient} (appointment booking: email and SMS notice by default) or
 * {@link #existingPatient} (demographic window: email only by default).
 */
public final class InviteRequest {

    private final InvitationOrigin origin;
    private final @Nullable String practiceId;
    private final @Nullable String staffId;
    private final @Nullable String patientId;
    private final @Nullable String givenName;
    private final @Nullable String familyName;
    private final @Nullable LocalDate dateOfBirth;
    private final @Nullable String email;
    private final @Nullable String mobile;
    private final @Nullable CarerDetails carer;
    private final boolean smsNotice;
    private final boolean resendIfInvited;
    private final @Nullable String language;

    private InviteRequest(Builder b) {
        this.origin = b.origin;
        this.practiceId = b.practiceId;
        this.staffId = b.staffId;
        this.patientId = b.patientId;
        this.givenName = b.givenName;
        this.familyName = b.familyName;
        this.dateOfBirth = b.dateOfBirth;
        this.email = b.email;
        this.mobile = b.mobile;
        this.carer = b.carer;
        this.smsNotice = b.smsNotice;
        this.resendIfInvited = b.resendIfInvited;
        this.language = b.language;
    }

    /**
     * Starts a request for a patient just added (e.g. at appointment booking). The SMS notice is on
     * by default.
     *
     * @param practiceId the practice
     * @param staffId the staff member sending access
     * @return a builder
     */
    public static Builder newPatient(String practiceId, String staffId) {
        return new Builder(InvitationOrigin.NEW_PATIENT, practiceId, staffId, true);
    }

    /**
     * Starts a request for a patient already on the practice's list (e.g. from the demographic
     * window). Email only by default.
     *
     * @param practiceId the practice
     * @param staffId the staff member sending access
     * @return a builder
     */
    public static Builder existingPatient(String practiceId, String staffId) {
        return new Builder(InvitationOrigin.EXISTING_PATIENT, practiceId, staffId, false);
    }

    /** @return where in the workflow the request was made */
    public InvitationOrigin origin() {
        return origin;
    }

    /** @return the raw practice id */
    public @Nullable String practiceId() {
        return practiceId;
    }

    /** @return the raw staff id */
    public @Nullable String staffId() {
        return staffId;
    }

    /** @return the raw patient id */
    public @Nullable String patientId() {
        return patientId;
    }

    /** @return the raw given name */
    public @Nullable String givenName() {
        return givenName;
    }

    /** @return the raw family name */
    public @Nullable String familyName() {
        return familyName;
    }

    /** @return the date of birth */
    public @Nullable LocalDate dateOfBirth() {
        return dateOfBirth;
    }

    /** @return the raw patient email */
    public @Nullable String email() {
        return email;
    }

    /** @return the raw patient mobile */
    public @Nullable String mobile() {
        return mobile;
    }

    /** @return the carer who receives the invitation instead of the patient, or null */
    public @Nullable CarerDetails carer() {
        return carer;
    }

    /** @return whether an SMS notice should accompany the email */
    public boolean smsNotice() {
        return smsNotice;
    }

    /** @return whether a live invitation should be resent with a new link instead of returned as is */
    public boolean resendIfInvited() {
        return resendIfInvited;
    }

    /** @return the raw language tag for this patient's messages, or null for the practice's locale */
    public @Nullable String language() {
        return language;
    }

    @Override
    public String toString() {
        return "InviteRequest[" + origin + ", practice=" + practiceId + ", patient=" + patientId
                + (carer == null ? "" : ", to carer") + "]";
    }

    /**
     * The carer's or parent's details from "Give patient portal access to someone other than the
     * patient".
     *
     * @param givenName raw given name
     * @param familyName raw family name
     * @param email raw email; the invitation goes here
     * @param mobile raw mobile, or null
     * @param relationship the relationship to the patient
     */
    public record CarerDetails(
            @Nullable String givenName,
            @Nullable String familyName,
            @Nullable String email,
            @Nullable String mobile,
            @Nullable Relationship relationship) {

        @Override
        public String toString() {
            return "CarerDetails[" + relationship + "]";
        }
    }

    /** Builds an {@link InviteRequest}. */
    public static final class Builder {
        private final InvitationOrigin origin;
        private final @Nullable String practiceId;
        private final @Nullable String staffId;
        private @Nullable String patientId;
        private @Nullable String givenName;
        private @Nullable String familyName;
        private @Nullable LocalDate dateOfBirth;
        private @Nullable String email;
        private @Nullable String mobile;
        private @Nullable CarerDetails carer;
        private boolean smsNotice;
        private boolean resendIfInvited;
        private @Nullable String language;

        private Builder(
                InvitationOrigin origin, @Nullable String practiceId, @Nullable String staffId, boolean smsNotice) {
            this.origin = Objects.requireNonNull(origin);
            this.practiceId = practiceId;
            this.staffId = staffId;
            this.smsNotice = smsNotice;
        }

        /**
         * Sets the host's patient id.
         *
         * @param value the id
         * @return this
         */
        public Builder patientId(@Nullable String value) {
            this.patientId = value;
            return this;
        }

        /**
         * Sets the patient's names.
         *
         * @param given the given name
         * @param family the family name
         * @return this
         */
        public Builder name(@Nullable String given, @Nullable String family) {
            this.givenName = given;
            this.familyName = family;
            return this;
        }

        /**
         * Sets the patient's date of birth.
         *
         * @param value the date
         * @return this
         */
        public Builder dateOfBirth(@Nullable LocalDate value) {
            this.dateOfBirth = value;
            return this;
        }

        /**
         * Sets the patient's email.
         *
         * @param value the address as typed
         * @return this
         */
        public Builder email(@Nullable String value) {
            this.email = value;
            return this;
        }

        /**
         * Sets the patient's mobile.
         *
         * @param value the number as typed, national or international
         * @return this
         */
        public Builder mobile(@Nullable String value) {
            this.mobile = value;
            return this;
        }

        /**
         * Addresses the invitation to a carer or parent instead of the patient.
         *
         * @param givenName the carer's given name
         * @param familyName the carer's family name
         * @param email the carer's email
         * @param mobile the carer's mobile, or null
         * @param relationship how they are related to the patient
         * @return this
         */
        public Builder carer(
                @Nullable String givenName,
                @Nullable String familyName,
                @Nullable String email,
                @Nullable String mobile,
                @Nullable Relationship relationship) {
            this.carer = new CarerDetails(givenName, familyName, email, mobile, relationship);
            return this;
        }

        /**
         * Turns the SMS notice on or off for this invitation (it is also subject to the practice's
         * setting and a known mobile).
         *
         * @param value whether to send the notice
         * @return this
         */
        public Builder smsNotice(boolean value) {
            this.smsNotice = value;
            return this;
        }

        /**
         * When a live invitation exists, issue a new link instead of returning it unchanged.
         *
         * @param value whether to resend
         * @return this
         */
        public Builder resendIfInvited(boolean value) {
            this.resendIfInvited = value;
            return this;
        }

        /**
         * Writes this patient's (or carer's) email and SMS in a language other than the practice's,
         * as a BCP 47 tag such as {@code es}, {@code zh-Hans} or {@code ar}. A language without
         * templates of its own falls back to its base language, then English. Kept with the
         * invitation: reminders and resent links use it too.
         *
         * @param tag the language tag; null or blank for the practice's locale
         * @return this
         */
        public Builder language(@Nullable String tag) {
            this.language = tag;
            return this;
        }

        /**
         * Builds the request; validation happens when it is sent.
         *
         * @return the request
         */
        public InviteRequest build() {
            return new InviteRequest(this);
        }
    }
}
