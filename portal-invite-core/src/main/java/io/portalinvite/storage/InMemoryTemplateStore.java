package io.portalinvite.storage;

import io.portalinvite.common.PracticeId;
import io.portalinvite.delivery.TemplateService.TemplateName;
import io.portalinvite.delivery.TemplateStore;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** {@link TemplateStore} in memory; joins transactions of the shared {@link InMemoryTransactionRunner}. */
final class InMemoryTemplateStore implements TemplateStore {

    private record Key(PracticeId practiceId, TemplateName name, String locale) {}

    private final InMemoryTransactionRunner tx;
    private final Map<Key, String> templates = new HashMap<>();

    /**
     * Creates an empty store.
     *
     * @param tx the transaction runner shared with the other in-memory stores
     */
    InMemoryTemplateStore(InMemoryTransactionRunner tx) {
        this.tx = tx;
    }

    @Override
    public Optional<String> find(PracticeId practiceId, TemplateName name, Locale locale) {
        return tx.read(() -> Optional.ofNullable(templates.get(new Key(practiceId, name, locale.toLanguageTag()))));
    }

    @Override
    public Map<TemplateName, String> findAll(PracticeId practiceId, Locale locale) {
        return tx.read(() -> {
            Map<TemplateName, String> out = new EnumMap<>(TemplateName.class);
            templates.forEach((k, v) -> {
                if (k.practiceId().equals(practiceId) && k.locale().equals(locale.toLanguageTag())) {
                    out.put(k.name(), v);
                }
            });
            return Map.copyOf(out);
        });
    }

    @Override
    public void save(PracticeId practiceId, TemplateName name, Locale locale, String source) {
        Key key = new Key(practiceId, name, locale.toLanguageTag());
        tx.update(undo -> {
            String previous = templates.put(key, source);
            undo.onRollback(() -> restore(key, previous));
        });
    }

    @Override
    public boolean delete(PracticeId practiceId, TemplateName name, Locale locale) {
        Key key = new Key(practiceId, name, locale.toLanguageTag());
        return tx.mutate(undo -> {
            String previous = templates.remove(key);
            undo.onRollback(() -> restore(key, previous));
            return previous != null;
        });
    }

    private void restore(Key key, @Nullable String previous) {
        if (previous == null) {
            templates.remove(key);
        } else {
            templates.put(key, previous);
        }
    }
}
