package io.portalinvite.settings;

import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.audit.AuditStore;
import io.portalinvite.common.Actor;
import io.portalinvite.common.PortalInviteException;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.StaffId;
import io.portalinvite.settings.PortalSettings.Setting;
import io.portalinvite.tx.TransactionRunner;
import java.io.Serial;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Reads and changes practices' Patient Portal settings. The store keeps only what each practice
 * chose itself ({@link SettingsOverrides}); the settings in force are the host's defaults with those
 * choices laid over them, so a default the host changes reaches every practice that did not choose
 * that setting. Every change is audited.
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
     * Returns a practice's settings in force: the defaults (the library's, or the host's from
     * {@link io.portalinvite.PortalInvite.Builder#settingsDefaults}) with what the practice chose
     * itself laid over them.
     *
     * @param practiceId the practice
     * @return the settings in force
     */
    public PortalSettings get(PracticeId practiceId) {
        return resolve(practiceId, store.find(practiceId));
    }

    /**
     * Returns the settings in force given what the store holds for a practice. For callers that read
     * the row together with other data.
     *
     * @param practiceId the practice
     * @param stored what {@link SettingsStore#find} returned for it
     * @return the settings in force
     */
    public PortalSettings resolve(PracticeId practiceId, Optional<SettingsOverrides> stored) {
        PortalSettings fallback = defaults.apply(practiceId);
        if (!fallback.practiceId().equals(practiceId)) {
            throw new IllegalStateException("the settings defaults returned settings of another practice");
        }
        return stored.map(o -> o.over(fallback)).orElse(fallback);
    }

    /**
     * Returns what a practice chose itself; every other setting follows the defaults.
     *
     * @param practiceId the practice
     * @return its choices (none when it never saved any)
     */
    public SettingsOverrides overrides(PracticeId practiceId) {
        return store.find(practiceId).orElseGet(() -> SettingsOverrides.none(practiceId));
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
     * Saves what staff chose on a settings form: each setting whose value differs from the settings in
     * force becomes the practice's own choice; the others stay as they were (its earlier choice, or
     * the default, which then keeps following the host's defaults).
     *
     * @param settings the settings as staff left them, validated on construction
     * @param staff who changed them
     * @return the settings in force afterwards
     */
    public PortalSettings save(PortalSettings settings, StaffId staff) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(staff, "staff");
        return change(settings.practiceId(), staff, (before, chosen) -> {
            SettingsOverrides next = chosen;
            for (Setting setting : Setting.values()) {
                Object value = setting.valueIn(settings);
                if (!Objects.equals(value, setting.valueIn(before))) {
                    next = next.with(setting, value);
                }
            }
            return next;
        });
    }

    /**
     * Turns the portal on for a practice; its other settings stay as they are.
     *
     * @param practiceId the practice
     * @param staff who did it
     * @return the settings in force afterwards
     */
    public PortalSettings enable(PracticeId practiceId, StaffId staff) {
        return change(practiceId, staff, (before, chosen) -> chosen.with(Setting.ENABLED, true));
    }

    /**
     * Turns the portal off for a practice: no new invitations, open links stop working, queued
     * messages are not sent.
     *
     * @param practiceId the practice
     * @param staff who did it
     * @return the settings in force afterwards
     */
    public PortalSettings disable(PracticeId practiceId, StaffId staff) {
        return change(practiceId, staff, (before, chosen) -> chosen.with(Setting.ENABLED, false));
    }

    /**
     * Gives settings back to the defaults: the practice's own choice for each is forgotten, and from
     * then on it follows the host's defaults, also when they change.
     *
     * @param practiceId the practice
     * @param staff who did it
     * @param settings the settings to reset; none resets every setting
     * @return the settings in force afterwards
     */
    public PortalSettings resetToDefaults(PracticeId practiceId, StaffId staff, Setting... settings) {
        List<Setting> reset = settings.length == 0 ? List.of(Setting.values()) : List.of(settings);
        return change(practiceId, staff, (before, chosen) -> chosen.without(reset));
    }

    /** Applies a change to a practice's choices in one transaction, audited; validated before it is stored. */
    private PortalSettings change(
            PracticeId practiceId,
            StaffId staff,
            BiFunction<PortalSettings, SettingsOverrides, SettingsOverrides> how) {
        return tx.inTransaction(() -> {
            PortalSettings fallback = defaults.apply(practiceId);
            Optional<SettingsOverrides> stored = store.find(practiceId);
            PortalSettings before = resolve(practiceId, stored);
            SettingsOverrides next = how.apply(before, stored.orElseGet(() -> SettingsOverrides.none(practiceId)));
            PortalSettings after = next.over(fallback);
            store.save(next);
            AuditAction action = before.enabled() == after.enabled()
                    ? AuditAction.SETTINGS_CHANGED
                    : after.enabled() ? AuditAction.PORTAL_ENABLED : AuditAction.PORTAL_DISABLED;
            audit.append(AuditEvent.of(action, Actor.staff(staff), clock.instant())
                    .practice(practiceId)
                    .build());
            return after;
        });
    }

    /** The practice has not enabled the Patient Portal, so no invitation can be sent. */
    public static final class PortalDisabledException extends PortalInviteException {

        @Serial
        private static final long serialVersionUID = 1L;

        private final PracticeId practiceId;

        /**
         * Creates the exception.
         *
         * @param practiceId the practice
         */
        public PortalDisabledException(PracticeId practiceId) {
            super("The Patient Portal is not enabled for practice " + practiceId
                    + ". Enable it in Patient Portal Settings before sending invitations.");
            this.practiceId = practiceId;
        }

        /**
         * Returns the practice.
         *
         * @return the practice whose portal is off
         */
        public PracticeId practiceId() {
            return practiceId;
        }
    }
}
