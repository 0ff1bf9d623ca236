package io.portalinvite.storage;

import io.portalinvite.common.PracticeId;
import io.portalinvite.settings.SettingsOverrides;
import io.portalinvite.settings.SettingsStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@link SettingsStore} in memory; joins transactions of the shared {@link InMemoryTransactionRunner}. */
final class InMemorySettingsStore implements SettingsStore {

    private final InMemoryTransactionRunner tx;
    private final Map<PracticeId, SettingsOverrides> byPractice = new HashMap<>();

    /**
     * Creates an empty store.
     *
     * @param tx the transaction runner shared with the other in-memory stores
     */
    InMemorySettingsStore(InMemoryTransactionRunner tx) {
        this.tx = tx;
    }

    @Override
    public Optional<SettingsOverrides> find(PracticeId practiceId) {
        return tx.read(() -> Optional.ofNullable(byPractice.get(practiceId)));
    }

    @Override
    public void save(SettingsOverrides settings) {
        tx.update(undo -> {
            SettingsOverrides previous = byPractice.put(settings.practiceId(), settings);
            undo.onRollback(() -> {
                if (previous == null) {
                    byPractice.remove(settings.practiceId());
                } else {
                    byPractice.put(previous.practiceId(), previous);
                }
            });
        });
    }
}
