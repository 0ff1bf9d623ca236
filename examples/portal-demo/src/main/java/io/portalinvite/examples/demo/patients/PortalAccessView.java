package io.portalinvite.examples.demo.patients;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the demographic window shows about a patient's Patient Portal access, assembled from the
 * library's public queries ({@code history}, {@code deliveries}, {@code auditTrail}).
 *
 * @param on whether the "Send Patient Portal Access via Email" toggle shows on: someone holds access
 *     or a live invitation is out
 * @param summary one line for staff, e.g. "Invitation sent, waiting for the patient"
 * @param holders who has access now
 * @param invitations every invitation, newest first
 * @param grants every access grant, active or ended, oldest first
 */
public record PortalAccessView(
        boolean on, String summary, List<Holder> holders, List<InvitationView> invitations, List<Grant> grants) {

    /**
     * One access grant, with who ended it and when.
     *
     * @param id the grant's id, for the revoke button
     * @param who "The patient" or e.g. "Linh Nguyen (parent)"
     * @param email the login email, masked
     * @param grantedAt when it was granted
     * @param active whether it gives access today
     * @param ended e.g. "Revoked by Rosa Martin (reception)" or "Ended on the 14th birthday"; null while active
     * @param endedAt when it was revoked, if it was
     */
    public record Grant(
            String id,
            String who,
            String email,
            Instant grantedAt,
            boolean active,
            @Nullable String ended,
            @Nullable Instant endedAt) {}

    /**
     * Someone with access to this patient's portal.
     *
     * @param who "The patient" or e.g. "Ada Lovelace (parent)"
     * @param email the login email, masked
     * @param since when access was granted
     */
    public record Holder(String who, String email, Instant since) {}

    /**
     * One invitation with its history.
     *
     * @param id the invitation id
     * @param invitee who it was sent to, e.g. "Ada Lovelace (parent)"
     * @param email where the link went
     * @param mobile where the SMS notice went, if anywhere
     * @param status the status label, e.g. "Sent"
     * @param statusStyle a CSS modifier: ok, warn, bad, muted
     * @param createdAt when it was made
     * @param expiresAt when the current link stops working
     * @param resendCount how often it was resent
     * @param canResend whether staff may send a new link
     * @param events its history, oldest first
     * @param deliveries each message with its delivery state
     */
    public record InvitationView(
            String id,
            String invitee,
            String email,
            @Nullable String mobile,
            String status,
            String statusStyle,
            Instant createdAt,
            Instant expiresAt,
            int resendCount,
            boolean canResend,
            List<Event> events,
            List<Delivery> deliveries) {}

    /**
     * One history entry.
     *
     * @param at when
     * @param what e.g. "Email delivered to the mail server"
     * @param style a CSS modifier: ok, warn, bad, muted
     */
    public record Event(Instant at, String what, String style) {}

    /**
     * One outbound message.
     *
     * @param channel Email or SMS
     * @param recipient address or number
     * @param status e.g. Sent, Waiting to send, Failed, Not sent
     * @param attempts sends tried
     * @param sentAt when it was sent, if it was
     * @param lastError the last failure, if any
     */
    public record Delivery(
            String channel,
            String recipient,
            String status,
            int attempts,
            @Nullable Instant sentAt,
            @Nullable String lastError) {}
}
