package io.portalinvite.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalinvite.common.PracticeId;
import io.portalinvite.delivery.TemplateService.TemplateName;
import io.portalinvite.storage.PortalStorage;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link TemplateStore} must have. Subclass it in an implementation's tests and
 * return fresh, empty storage from {@link #newStorage()}.
 */
public abstract class TemplateStoreContract {

    private static final PracticeId PRACTICE = PracticeId.of("practice-1");
    private static final Locale EN_AU = Locale.forLanguageTag("en-AU");

    private PortalStorage storage;

    /**
     * Creates fresh, empty stores for one test.
     *
     * @return the storage under test
     */
    protected abstract PortalStorage newStorage();

    @BeforeEach
    void setUpStorage() {
        storage = newStorage();
    }

    @Test
    void findWhenNothingSavedThenEmpty() {
        assertThat(storage.templates().find(PRACTICE, TemplateName.SMS_NOTICE, EN_AU))
                .isEmpty();
        assertThat(storage.templates().findAll(PRACTICE, EN_AU)).isEmpty();
    }

    @Test
    void saveWhenSavedTwiceThenLatestKeptVerbatim() {
        String source = "Kia ora {{inviteeFirstName}} — ‘quotes’ \"double\" 'single' ; DROP TABLE x; 😀\n{{link}}";
        save(TemplateName.INVITATION_EMAIL_TEXT, EN_AU, "first {{link}}");
        save(TemplateName.INVITATION_EMAIL_TEXT, EN_AU, source);

        assertThat(storage.templates().find(PRACTICE, TemplateName.INVITATION_EMAIL_TEXT, EN_AU))
                .contains(source);
        assertThat(storage.templates().findAll(PRACTICE, EN_AU))
                .containsExactly(java.util.Map.entry(TemplateName.INVITATION_EMAIL_TEXT, source));
    }

    @Test
    void findWhenOtherLocaleOrPracticeOrTemplateThenNotFound() {
        save(TemplateName.SMS_NOTICE, EN_AU, "{{practiceName}}: check your inbox.");

        assertThat(storage.templates().find(PRACTICE, TemplateName.SMS_NOTICE, Locale.forLanguageTag("en-GB")))
                .isEmpty();
        assertThat(storage.templates().find(PracticeId.of("practice-2"), TemplateName.SMS_NOTICE, EN_AU))
                .isEmpty();
        assertThat(storage.templates().find(PRACTICE, TemplateName.INVITATION_EMAIL_HTML, EN_AU))
                .isEmpty();
    }

    @Test
    void deleteWhenSavedThenGoneAndSecondDeleteFalse() {
        save(TemplateName.SMS_NOTICE, EN_AU, "{{practiceName}}: check your inbox.");

        assertThat(storage.transactions()
                        .inTransaction(() -> storage.templates().delete(PRACTICE, TemplateName.SMS_NOTICE, EN_AU)))
                .isTrue();
        assertThat(storage.templates().find(PRACTICE, TemplateName.SMS_NOTICE, EN_AU))
                .isEmpty();
        assertThat(storage.transactions()
                        .inTransaction(() -> storage.templates().delete(PRACTICE, TemplateName.SMS_NOTICE, EN_AU)))
                .isFalse();
    }

    @Test
    void saveWhenTransactionRollsBackThenNothingKept() {
        assertThatThrownBy(() -> storage.transactions().inTransaction(() -> {
                    storage.templates().save(PRACTICE, TemplateName.SMS_NOTICE, EN_AU, "{{practiceName}}");
                    throw new IllegalStateException("rolled back");
                }))
                .hasMessage("rolled back");

        assertThat(storage.templates().find(PRACTICE, TemplateName.SMS_NOTICE, EN_AU))
                .isEmpty();
    }

    private void save(TemplateName name, Locale locale, String source) {
        storage.transactions().inTransaction(() -> storage.templates().save(PRACTICE, name, locale, source));
    }
}
