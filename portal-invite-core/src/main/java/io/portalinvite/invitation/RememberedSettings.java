package io.portalinvite.invitation;

import io.portalinvite.common.PracticeId;
import io.portalinvite.settings.PortalSettings;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Practices' settings as the last invite read them. A hint that saves an invite one settings read:
 * every invite's own lookup reads the stored row in its transaction anyway and replaces a stale
 * hint, so the hint never decides an invite on its own.
 */
final class RememberedSettings {

    /** Bounds the memory; a host with more practices just reads settings more often. */
    private static final int MAX_PRACTICES = 1024;

    private final Map<PracticeId, PortalSettings> byPractice = new ConcurrentHashMap<>();

    Optional<PortalSettings> get(PracticeId practiceId) {
        return Optional.ofNullable(byPractice.get(practiceId));
    }

    /** Keeps a practice's enabled settings for the next invite. */
    void remember(PortalSettings practice) {
        if (!practice.enabled()) {
            return;
        }
        if (byPractice.size() >= MAX_PRACTICES) {
            byPractice.clear();
        }
        byPractice.put(practice.practiceId(), practice);
    }

    void forget(PracticeId practiceId) {
        byPractice.remove(practiceId);
    }
}
