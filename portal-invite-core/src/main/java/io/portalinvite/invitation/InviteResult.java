package io.portalinvite.invitation;

import io.portalinvite.common.PatientId;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The answer to an invite request.
 *
 * @param outcome what happened
 * @param invitation the invitation made, found or resent; null when {@link InviteOutcome#ALREADY_REGISTERED}
 * @param notices things staff should know, e.g. that the SMS notice was skipped because no mobile is known
 * @param warnings contact details this invitation shares with other patients of the practice, for
 *     staff to confirm (a family's shared email or mobile)
 */
public record InviteResult(
        InviteOutcome outcome, @Nullable Invitation invitation, List<String> notices, List<ContactWarning> warnings) {

    /** Copies the lists. */
    public InviteResult {
        Objects.requireNonNull(outcome, "outcome");
        notices = List.copyOf(notices);
        warnings = List.copyOf(warnings);
    }

    /**
     * An answer without warnings.
     *
     * @param outcome what happened
     * @param invitation the invitation, or null
     * @param notices things staff should know
     */
    public InviteResult(InviteOutcome outcome, @Nullable Invitation invitation, List<String> notices) {
        this(outcome, invitation, notices, List.of());
    }

    /**
     * A contact detail of an invitation that other patients of the same practice already use: their
     * Patient Portal login (email) or an invitation's SMS number (mobile). Shown to staff so that a
     * family's shared address is a decision, not an accident. Patients of other practices are never
     * named.
     *
     * @param kind which detail is shared
     * @param field the request field it came from, e.g. {@code patient.email} or {@code carer.mobile}
     * @param otherPatients the other patients of this practice using it
     * @param message a sentence for staff
     */
    public record ContactWarning(Kind kind, String field, List<PatientId> otherPatients, String message) {

        /** Copies the list. */
        public ContactWarning {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(field, "field");
            otherPatients = List.copyOf(otherPatients);
            Objects.requireNonNull(message, "message");
        }

        /** Which contact detail is shared. */
        public enum Kind {
            /** The email is the login of an account with SELF access to other patients. */
            SHARED_EMAIL,
            /** The mobile receives SMS notices for other patients' invitations. */
            SHARED_MOBILE
        }
    }

    /** What {@link InvitationService#invite} did. */
    public enum InviteOutcome {
        /** A new invitation was made and its messages queued. */
        INVITED,
        /** A live invitation already existed and was returned unchanged (nothing sent again). */
        ALREADY_INVITED,
        /** A live invitation existed and was resent with a new link, as the request asked. */
        RESENT,
        /** The invitee already has portal access to this patient; nothing was sent. */
        ALREADY_REGISTERED
    }
}
