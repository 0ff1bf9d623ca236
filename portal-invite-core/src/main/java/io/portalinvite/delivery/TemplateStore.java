package io.portalinvite.delivery;

import io.portalinvite.common.PracticeId;
import io.portalinvite.delivery.TemplateService.TemplateName;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Storage SPI for practices' own wording of the message templates. A practice without an override
 * uses the built-in template of its locale.
 *
 * <p>Implementations join the current {@link io.portalinvite.tx.TransactionRunner} transaction and
 * are pinned by {@code TemplateStoreContract} in core's test-jar.
 */
public interface TemplateStore {

    /**
     * Finds a practice's override of a template in a locale.
     *
     * @param practiceId the practice
     * @param name the template
     * @param locale the exact locale the override was saved for
     * @return the template source, or empty
     */
    Optional<String> find(PracticeId practiceId, TemplateName name, Locale locale);

    /**
     * Lists a practice's overrides in a locale.
     *
     * @param practiceId the practice
     * @param locale the locale
     * @return the overrides by template
     */
    Map<TemplateName, String> findAll(PracticeId practiceId, Locale locale);

    /**
     * Saves or replaces an override.
     *
     * @param practiceId the practice
     * @param name the template
     * @param locale the locale
     * @param source the template source
     */
    void save(PracticeId practiceId, TemplateName name, Locale locale, String source);

    /**
     * Removes an override, returning the practice to the built-in template.
     *
     * @param practiceId the practice
     * @param name the template
     * @param locale the locale
     * @return true when an override was removed
     */
    boolean delete(PracticeId practiceId, TemplateName name, Locale locale);
}
