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
 */
public record InviteResult(InviteOutcome outcome, @Nullable Invitation invitation, List<String> notices) {

    /** Copies the notices. */
    public InviteResult {
        Objects.requireNonNull(outcome, "outcome");
        notices = List.copyOf(notices);
    }
}
