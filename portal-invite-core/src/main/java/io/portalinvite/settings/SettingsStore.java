package io.portalinvite.settings;

import io.portalinvite.common.PracticeId;
import java.util.Optional;

/**
 * Storage SPI for practices' portal settings.
 *
 * <p>Implementations join the current transaction of {@link io.portalinvite.tx.TransactionRunner}.
 */
public interface SettingsStore {

    /**
     * Finds a practice's saved settings.
     *
     * @param practiceId the practice
     * @return the settings, or empty when the practice never saved any
     */
    Optional<PortalSettings> find(PracticeId practiceId);

    /**
     * Inserts or replaces a practice's settings.
     *
     * @param settings the new settings
     */
    void save(PortalSettings settings);
}
