package io.portalinvite.settings;

import io.portalinvite.common.PracticeId;
import java.util.Optional;

/**
 * Storage SPI for practices' portal settings: what each practice chose itself, as
 * {@link SettingsOverrides}. The settings in force are worked out from these and the host's
 * defaults by {@link SettingsService}; the store never holds a default.
 *
 * <p>Implementations join the current transaction of {@link io.portalinvite.tx.TransactionRunner}.
 */
public interface SettingsStore {

    /**
     * Finds what a practice chose.
     *
     * @param practiceId the practice
     * @return its choices, or empty when the practice never saved any
     */
    Optional<SettingsOverrides> find(PracticeId practiceId);

    /**
     * Inserts or replaces what a practice chose: afterwards {@link #find} returns exactly these
     * choices, settings chosen as nothing included.
     *
     * @param overrides the practice's choices
     */
    void save(SettingsOverrides overrides);
}
