package io.portalinvite.delivery;

import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.audit.AuditStore;
import io.portalinvite.common.Actor;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.StaffId;
import io.portalinvite.party.Relationship;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.settings.SettingsService;
import io.portalinvite.tx.TransactionRunner;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Staff-side management of a practice's message wording: see the template in force, save the
 * practice's own text, go back to the built-in text, and preview the messages without sending.
 */
public final class TemplateService {

    private final TransactionRunner tx;
    private final TemplateStore store;
    private final AuditStore audit;
    private final SettingsService settings;
    private final MessageTemplates templates;
    private final Clock clock;

    /**
     * Creates the service. Built by {@link io.portalinvite.PortalInvite}; hosts get it from there.
     *
     * @param tx the transaction boundary the stores join
     * @param store the store of practices' templates
     * @param audit the audit store
     * @param settings practices' settings
     * @param templates the renderer
     * @param clock the clock
     */
    public TemplateService(
            TransactionRunner tx,
            TemplateStore store,
            AuditStore audit,
            SettingsService settings,
            MessageTemplates templates,
            Clock clock) {
        this.tx = tx;
        this.store = store;
        this.audit = audit;
        this.settings = settings;
        this.templates = templates;
        this.clock = clock;
    }

    /**
     * Returns the template source a practice's messages use in its locale.
     *
     * @param practiceId the practice
     * @param name the template
     * @return the practice's own text, or the built-in one
     */
    public String source(PracticeId practiceId, TemplateName name) {
        return templates.source(
                practiceId, name, settings.get(practiceId).practice().locale());
    }

    /**
     * Saves a practice's own wording for a template, in the practice's locale.
     *
     * @param practiceId the practice
     * @param name the template
     * @param source the Mustache source
     * @param staff who changed it
     * @throws io.portalinvite.common.ValidationException when the source is invalid (see
     *     {@link MessageTemplates#validate})
     */
    public void override(PracticeId practiceId, TemplateName name, String source, StaffId staff) {
        templates.validate(name, source);
        Locale locale = settings.get(practiceId).practice().locale();
        tx.inTransaction(() -> {
            store.save(practiceId, name, locale, source);
            audit(practiceId, name, staff, "override");
        });
    }

    /**
     * Returns a template to the built-in wording.
     *
     * @param practiceId the practice
     * @param name the template
     * @param staff who changed it
     * @return true when the practice had its own wording
     */
    public boolean reset(PracticeId practiceId, TemplateName name, StaffId staff) {
        Locale locale = settings.get(practiceId).practice().locale();
        return tx.inTransaction(() -> {
            boolean removed = store.delete(practiceId, name, locale);
            if (removed) {
                audit(practiceId, name, staff, "reset");
            }
            return removed;
        });
    }

    /**
     * Renders a practice's messages with sample values (invitee "Alex", a sample link), as a patient
     * or a carer would receive them. Nothing is sent or stored.
     *
     * @param practiceId the practice
     * @param forCarer true to preview the carer wording
     * @return the rendered messages
     */
    public MessagePreview preview(PracticeId practiceId, boolean forCarer) {
        PortalSettings practice = settings.get(practiceId);
        Instant expires = clock.instant().plus(practice.links().invitationLifetime());
        Map<String, Object> scope = DefaultMessageComposer.scope(
                "Alex",
                practice,
                practice.links().invitationLinkBase() + "?token=SAMPLE-LINK-FOR-PREVIEW-ONLY",
                expires,
                forCarer ? "Sam" : null,
                forCarer ? Relationship.PARENT : null);
        Locale locale = practice.practice().locale();
        String sms = DefaultMessageComposer.smsNotice(practice, templates);
        return new MessagePreview(
                MessageTemplates.wording(locale, "subject.invitation"),
                templates.render(practiceId, TemplateName.INVITATION_EMAIL_TEXT, locale, scope),
                templates.render(practiceId, TemplateName.INVITATION_EMAIL_HTML, locale, scope),
                sms,
                SmsSegments.of(sms));
    }

    private void audit(PracticeId practiceId, TemplateName name, StaffId staff, String change) {
        audit.append(AuditEvent.of(AuditAction.SETTINGS_CHANGED, Actor.staff(staff), clock.instant())
                .practice(practiceId)
                .detail("template", name)
                .detail("change", change)
                .build());
    }

    /**
     * A practice's messages rendered with sample values, for staff to check before anything is sent.
     *
     * @param subject the email subject
     * @param emailText the plain-text part
     * @param emailHtml the HTML part
     * @param smsNotice the SMS notice
     * @param smsSegments how the SMS notice will be billed: encoding and number of segments
     */
    public record MessagePreview(
            String subject, String emailText, String emailHtml, String smsNotice, SmsSegments smsSegments) {}

    /**
     * The message texts a practice can reword. The email subject is not among them: it stays a fixed,
     * neutral text so that it never carries health information (checklist B2).
     */
    public enum TemplateName {
        /** The plain-text part of the invitation email. */
        INVITATION_EMAIL_TEXT("invitation-email.txt"),
        /** The HTML part of the invitation email; every merge value is HTML-escaped. */
        INVITATION_EMAIL_HTML("invitation-email.html"),
        /** The SMS notice that an email was sent; it may not contain a link. */
        SMS_NOTICE("sms-notice.txt"),
        /** The plain-text part of the reminder sent shortly before an invitation expires. */
        REMINDER_EMAIL_TEXT("reminder-email.txt"),
        /** The HTML part of the reminder; every merge value is HTML-escaped. */
        REMINDER_EMAIL_HTML("reminder-email.html"),
        /** The plain-text part of the password-reset email. */
        PASSWORD_RESET_EMAIL_TEXT("password-reset-email.txt"),
        /** The HTML part of the password-reset email; every merge value is HTML-escaped. */
        PASSWORD_RESET_EMAIL_HTML("password-reset-email.html");

        private final String fileName;

        TemplateName(String fileName) {
            this.fileName = fileName;
        }

        /**
         * Returns the file name of the built-in template.
         *
         * @return e.g. {@code invitation-email.txt}
         */
        public String fileName() {
            return fileName;
        }

        /**
         * Tells whether merge values are HTML-escaped in this template.
         *
         * @return true for the HTML part
         */
        public boolean html() {
            return this == INVITATION_EMAIL_HTML || this == REMINDER_EMAIL_HTML || this == PASSWORD_RESET_EMAIL_HTML;
        }
    }
}
