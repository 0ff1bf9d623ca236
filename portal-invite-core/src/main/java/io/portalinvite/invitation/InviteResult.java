package io.portalinvite.invitation;

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
}
