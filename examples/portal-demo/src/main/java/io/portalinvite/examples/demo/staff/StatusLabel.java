package io.portalinvite.examples.demo.staff;

import io.portalinvite.invitation.PatientStatus.State;
import java.util.Arrays;
import java.util.List;

/**
 * A patient's Patient Portal state in the words staff read, with the badge style.
 *
 * @param state the state
 * @param words e.g. "Delivery failed"
 * @param style a CSS modifier: ok, info, warn, bad, muted
 */
public record StatusLabel(State state, String words, String style) {

    /** Every state in the order a patient moves through them, for the filter. */
    public static final List<StatusLabel> ALL =
            Arrays.stream(State.values()).map(StatusLabel::of).toList();

    /**
     * Labels a state.
     *
     * @param state the state
     * @return its label
     */
    public static StatusLabel of(State state) {
        return switch (state) {
            case NOT_INVITED -> new StatusLabel(state, "Not invited", "muted");
            case INVITED -> new StatusLabel(state, "Invited, sending", "muted");
            case DELIVERED -> new StatusLabel(state, "Invitation delivered", "info");
            case DELIVERY_FAILED -> new StatusLabel(state, "Delivery failed", "bad");
            case OPENED -> new StatusLabel(state, "Link opened", "info");
            case REGISTERED -> new StatusLabel(state, "Registered", "ok");
            case EXPIRED -> new StatusLabel(state, "Link expired", "warn");
            case REVOKED -> new StatusLabel(state, "Access revoked", "bad");
        };
    }
}
