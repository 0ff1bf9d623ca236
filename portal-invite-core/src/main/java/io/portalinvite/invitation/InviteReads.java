package io.portalinvite.invitation;

import io.portalinvite.common.PracticeId;
import io.portalinvite.common.ValidationException;
import io.portalinvite.invitation.InviteStorage.InviteLookup;
import io.portalinvite.party.PhoneNumber;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.settings.SettingsService;
import io.portalinvite.settings.SettingsService.PortalDisabledException;
import java.time.Clock;
import java.util.Optional;

/**
 * What an invite reads before it decides: the request validated against the practice's settings,
 * and one lookup of everything else (stored settings, the invitee's grants, the open invitation,
 * patients sharing the mobile). The settings an earlier invite read stand in for a settings read;
 * the lookup reads the stored row anyway, and when it differs the request is checked again against
 * the stored settings, so a stale copy never decides an invite.
 */
final class InviteReads {

    private final InviteStorage invites;
    private final SettingsService settings;
    private final Clock clock;
    private final boolean smsAvailable;
    private final RememberedSettings remembered = new RememberedSettings();

    InviteReads(InviteStorage invites, SettingsService settings, Clock clock, boolean smsAvailable) {
        this.invites = invites;
        this.settings = settings;
        this.clock = clock;
        this.smsAvailable = smsAvailable;
    }

    /**
     * A validated request with what was read for it.
     *
     * @param valid the request
     * @param practice the practice's settings in force, as stored
     * @param lookup the rest of what the decision needs
     */
    record Read(InviteRequests.Valid valid, PortalSettings practice, InviteLookup lookup) {}

    /**
     * Validates a request and reads what its decision needs, in the caller's transaction.
     *
     * @throws ValidationException naming every bad field
     * @throws PortalDisabledException when the practice's portal is off
     */
    Read read(InviteRequest request) {
        PracticeId practiceId = InviteRequests.practiceIdOrNull(request);
        if (practiceId == null) {
            // check the other fields against the defaults so that every error shows at once
            InviteRequests.parse(request, PortalSettings.defaults(PracticeId.of("unknown")), clock);
            throw new IllegalStateException("an invalid practice id passed validation");
        }
        Optional<PortalSettings> hint = remembered.get(practiceId);
        PortalSettings practice = hint.orElseGet(() -> settings.requireEnabled(practiceId));
        InviteRequests.Valid valid;
        try {
            valid = InviteRequests.parse(request, practice, clock);
        } catch (ValidationException e) {
            if (hint.isEmpty()) {
                throw e;
            }
            remembered.forget(practiceId);
            practice = settings.requireEnabled(practiceId);
            valid = InviteRequests.parse(request, practice, clock);
        }
        InviteLookup lookup = lookup(valid);
        PortalSettings stored = settings.resolve(practiceId, lookup.storedSettings());
        if (stored.equals(practice)) {
            remembered.remember(stored);
        } else {
            remembered.forget(practiceId);
            if (!stored.enabled()) {
                throw new PortalDisabledException(practiceId);
            }
            practice = stored;
            InviteRequests.Valid again = InviteRequests.parse(request, practice, clock);
            if (!again.key().equals(valid.key()) || !smsTo(again).equals(smsTo(valid))) {
                lookup = lookup(again);
            }
            valid = again;
        }
        return new Read(valid, practice, lookup);
    }

    private InviteLookup lookup(InviteRequests.Valid valid) {
        PhoneNumber smsTo = smsTo(valid).orElse(null);
        return invites.lookupForInvite(
                valid.practiceId(),
                valid.patient().id(),
                valid.invitee().email().lookupKey(),
                smsTo == null ? null : smsTo.e164(),
                Eligibility.MAX_NAMED_PATIENTS + 1);
    }

    /** The mobile is only asked about when an SMS notice may go to it (for the shared-mobile warning). */
    private Optional<PhoneNumber> smsTo(InviteRequests.Valid valid) {
        return valid.request().smsNotice() && smsAvailable
                ? Optional.ofNullable(valid.invitee().mobile())
                : Optional.empty();
    }
}
