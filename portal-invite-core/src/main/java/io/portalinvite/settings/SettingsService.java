package io.portalinvite.settings;

import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.audit.AuditStore;
import io.portalinvite.common.Actor;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.StaffId;
import io.portalinvite.tx.TransactionRunner;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads and changes practices' Patient Portal settings. Every change is audited.
 */
public final class SettingsService {

    private final TransactionRunner tx;
    private final SettingsStore store;
    private final AuditStore audit;
    private final Clock clock;
    private final Function<PracticeId, PortalSettings> defaults;

    /**
     * Creates the service. Built by {@link io.portalinvite.PortalInvite}; hosts get it from there.
     *
     * @param tx the transaction boundary the stores join
     * @param store the settings store
     * @param audit the audit store
     * @param clock the clock
     * @param defaults the settings of a practice that saved none; must be for that practice
     */
    public SettingsService(
            TransactionRunner tx,
            SettingsStore store,
            AuditStore audit,
            Clock clock,
            Function<PracticeId, PortalSettings> defaults) {
        this.tx = tx;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.defaults = Objects.requireNonNull(defaults, "defaults");
    }

    /**
     * Returns a practice's settings, or the defaults (the library's, or the host's from
     * {@link io.portalinvite.PortalInvite.Builder#settingsDefaults}) when it never saved any.
     *
     * @param practiceId the practice
     * @return the settings in force
     */
    public PortalSettings get(PracticeId practiceId) {
        return resolve(practiceId, store.find(practiceId));
    }

    /**
     * Returns the settings in force given what the store holds for a practice: the stored settings,
     * or the defaults when it saved none. For callers that read the row together with other data.
     *
     * @param practiceId the practice
     * @param stored what {@link SettingsStore#find} returned for it
     * @return the settings in force
     */
    public PortalSettings resolve(PracticeId practiceId, Optional<PortalSettings> stored) {
        return stored.orElseGet(() -> {
            PortalSettings fallback = defaults.apply(practiceId);
            if (!fallback.practiceId().equals(practiceId)) {
                throw new IllegalStateException("the settings defaults returned settings of another practice");
            }
            return fallback;
        });
    }

    /**
     * Returns a practice's settings, refusing when its portal is off.
     *
     * @param practiceId the practice
     * @return the settings
     * @throws PortalDisabledException when the portal is not enabled
     */
    public PortalSettings requireEnabled(PracticeId practiceId) {
        PortalSettings settings = get(practiceId);
        if (!settings.enabled()) {
            throw new PortalDisabledException(practiceId);
        }
        return settings;
    }

    /**
     * Saves new settings for a practice.
     *
     * @param settings the settings, validated on construction
     * @param staff who changed them
     * @return the saved settings
     */
    public PortalSettings save(PortalSettings settings, StaffId staff) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(staff, "staff");
        return tx.inTransaction(() -> {
            PortalSettings before = get(settings.practiceId());
            store.save(settings);
            AuditAction action = before.enabled() == settings.enabled()
                    ? AuditAction.SETTINGS_CHANGED
                    : settings.enabled() ? AuditAction.PORTAL_ENABLED : AuditAction.PORTAL_DISABLED;
            audit.append(AuditEvent.of(action, Actor.staff(staff), clock.instant())
                    .practice(settings.practiceId())
                    .build());
            return settings;
        });
    }

    /**
     * Turns the portal on for a practice, keeping its other settings.
     *
     * @param practiceId the practice
     * @param staff who did it
     * @return the saved settings
     */
    public PortalSettings enable(PracticeId practiceId, StaffId staff) {
        return save(get(practiceId).toBuilder().enabled(true).build(), staff);
    }

    /**
     * Turns the portal off for a practice: no new invitations, open links stop working, queued
     * messages are not sent.
     *
     * @param practiceId the practice
     * @param staff who did it
     * @return the saved settings
     */
    public PortalSettings disable(PracticeId practiceId, StaffId staff) {
        return save(get(practiceId).toBuilder().enabled(false).build(), staff);
    }
}
