package io.portalinvite.invitation;

import io.portalinvite.account.PatientAccess;
import io.portalinvite.common.PatientId;
import io.portalinvite.settings.SettingsOverrides;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an invite reads before it decides, fetched together so that a database can answer in one
 * round trip: see {@link io.portalinvite.storage.PortalStorage#lookupForInvite}.
 *
 * @param storedSettings what the practice chose itself; empty when it never saved any (the defaults
 *     then apply)
 * @param inviteeAccess every access grant of the portal account with the invitee's email; empty
 *     when there is no such account
 * @param openInvitation the open invitation for this patient and invitee, if any
 * @param patientsSharingMobile patients of the practice whose open or accepted invitations went to the
 *     invitee's mobile (for the shared-mobile warning); empty when no mobile was asked about
 */
public record InviteLookup(
        Optional<SettingsOverrides> storedSettings,
        List<PatientAccess> inviteeAccess,
        Optional<Invitation> openInvitation,
        List<PatientId> patientsSharingMobile) {

    /**
     * Copies the grants so the lookup stays immutable.
     *
     * @param storedSettings the saved settings, or empty
     * @param inviteeAccess the invitee account's grants
     * @param openInvitation the open invitation, or empty
     * @param patientsSharingMobile patients whose invitations went to the invitee's mobile
     */
    public InviteLookup {
        Objects.requireNonNull(storedSettings, "storedSettings");
        inviteeAccess = List.copyOf(inviteeAccess);
        Objects.requireNonNull(openInvitation, "openInvitation");
        patientsSharingMobile = List.copyOf(patientsSharingMobile);
    }
}
