package io.portalinvite.settings;

import io.portalinvite.common.PracticeId;
import io.portalinvite.settings.PortalSettings.Setting;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a practice chose for itself, setting by setting: all that a {@link SettingsStore} keeps. The
 * settings in force are the host's defaults with these choices laid over them
 * ({@link #over(PortalSettings)}), so a default the host changes later reaches every practice that
 * did not choose that setting itself. Immutable.
 *
 * <p>A chosen setting may be chosen as nothing where the setting allows it (no sender name, no
 * privacy notice): that is a choice too, distinct from following the default.
 */
public final class SettingsOverrides {

    private final PracticeId practiceId;
    private final Map<Setting, Optional<Object>> chosen;

    private SettingsOverrides(PracticeId practiceId, Map<Setting, Optional<Object>> chosen) {
        this.practiceId = Objects.requireNonNull(practiceId, "practiceId");
        this.chosen = chosen;
    }

    /**
     * A practice that chose nothing yet: every setting follows the defaults.
     *
     * @param practiceId the practice
     * @return the empty choices
     */
    public static SettingsOverrides none(PracticeId practiceId) {
        return new SettingsOverrides(practiceId, Collections.unmodifiableMap(new EnumMap<>(Setting.class)));
    }

    /**
     * The given settings' values of the chosen settings.
     *
     * @param settings the settings to take values from
     * @param chosen which settings the practice chose
     * @return the choices
     */
    public static SettingsOverrides of(PortalSettings settings, Collection<Setting> chosen) {
        SettingsOverrides overrides = none(settings.practiceId());
        for (Setting setting : chosen) {
            overrides = overrides.with(setting, setting.valueIn(settings));
        }
        return overrides;
    }

    /**
     * Returns these choices with one more (or a changed one).
     *
     * @param setting the setting
     * @param value its value; null only for a {@link Setting#nullable() nullable} setting
     * @return the new choices
     * @throws IllegalArgumentException when the value does not fit the setting
     */
    public SettingsOverrides with(Setting setting, @Nullable Object value) {
        if (value == null ? !setting.nullable() : !setting.type().isInstance(value)) {
            throw new IllegalArgumentException(setting + " takes a "
                    + setting.type().getSimpleName() + (setting.nullable() ? " or nothing" : "") + ", not " + value);
        }
        Map<Setting, Optional<Object>> next = new EnumMap<>(Setting.class);
        next.putAll(chosen);
        next.put(setting, Optional.ofNullable(value));
        return new SettingsOverrides(practiceId, Collections.unmodifiableMap(next));
    }

    /**
     * Returns these choices without some: those settings follow the defaults again.
     *
     * @param settings the settings to give back to the defaults
     * @return the new choices
     */
    public SettingsOverrides without(Collection<Setting> settings) {
        Map<Setting, Optional<Object>> next = new EnumMap<>(Setting.class);
        next.putAll(chosen);
        settings.forEach(next::remove);
        return new SettingsOverrides(practiceId, Collections.unmodifiableMap(next));
    }

    /**
     * Returns the practice.
     *
     * @return the practice
     */
    public PracticeId practiceId() {
        return practiceId;
    }

    /**
     * Returns the settings the practice chose.
     *
     * @return the chosen settings, in declaration order
     */
    public Set<Setting> chosen() {
        return chosen.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(chosen.keySet()));
    }

    /**
     * Tells whether the practice chose a setting.
     *
     * @param setting the setting
     * @return true when chosen
     */
    public boolean has(Setting setting) {
        return chosen.containsKey(setting);
    }

    /**
     * Returns the value the practice chose for a setting.
     *
     * @param setting a chosen setting
     * @return its value; null when chosen as nothing
     * @throws IllegalArgumentException when the practice did not choose it
     */
    public @Nullable Object value(Setting setting) {
        Optional<Object> value = chosen.get(setting);
        if (value == null) {
            throw new IllegalArgumentException(setting + " was not chosen by " + practiceId);
        }
        return value.orElse(null);
    }

    /**
     * Lays these choices over defaults: the settings in force.
     *
     * @param defaults the host's defaults for this practice
     * @return the settings in force
     * @throws io.portalinvite.common.ValidationException when the combination breaks a rule (a
     *     reminder no shorter than the link lifetime, say), naming the setting
     */
    public PortalSettings over(PortalSettings defaults) {
        if (!defaults.practiceId().equals(practiceId)) {
            throw new IllegalArgumentException("defaults of " + defaults.practiceId() + " for " + practiceId);
        }
        if (chosen.isEmpty()) {
            return defaults;
        }
        PortalSettings.Builder builder = defaults.toBuilder();
        chosen.forEach((setting, value) -> setting.applyTo(builder, value.orElse(null)));
        return builder.build();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SettingsOverrides o && o.practiceId.equals(practiceId) && o.chosen.equals(chosen);
    }

    @Override
    public int hashCode() {
        return Objects.hash(practiceId, chosen);
    }

    @Override
    public String toString() {
        return "SettingsOverrides[" + practiceId + ", " + chosen.keySet() + "]";
    }
}
