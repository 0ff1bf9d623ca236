package io.portalinvite.delivery;

import io.portalinvite.delivery.EmailSender.EmailMessage;
import io.portalinvite.delivery.MessageComposer.InvitationContent;
import io.portalinvite.delivery.SmsSender.SmsMessage;
import io.portalinvite.delivery.TemplateService.TemplateName;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.party.PhoneNumber;
import io.portalinvite.party.Relationship;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.token.LinkToken;
import java.text.Normalizer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Composes the invitation email (plain text and HTML) and the SMS notice from {@link MessageTemplates}:
 * the practice's own wording for its locale when it saved one, the built-in wording otherwise. The
 * language is {@code settings.practice().locale()}; for an invitation in the patient's own language
 * the settings passed in already carry it.
 *
 * <p>The subject is fixed per language and names no patient, clinician or condition (HIPAA minimum
 * necessary, checklist B2). Merge fields: {@code inviteeFirstName}, {@code practiceName},
 * {@code link}, {@code expiry} (in the practice's time zone, with the zone named), {@code carer}
 * (true for a carer invitation), {@code patientFirstName} and {@code relationship} (for a carer, in
 * the message's language), {@code language}.
 */
public class DefaultMessageComposer implements MessageComposer {

    /** The fixed subject of the invitation email in English; other languages have their own. */
    public static final String SUBJECT = "Your Patient Portal invitation";
    /** The fixed subject of the reminder email in English. */
    public static final String REMINDER_SUBJECT = "Reminder: your Patient Portal invitation";
    /** The fixed subject of the password-reset email in English. */
    public static final String RESET_SUBJECT = "Reset your Patient Portal password";

    /** The shortest a practice name is cut to when fitting the SMS notice into one segment. */
    static final int SMS_PRACTICE_NAME_MIN = 12;

    private final MessageTemplates templates;

    /**
     * Creates the composer.
     *
     * @param templates the templates to render
     */
    public DefaultMessageComposer(MessageTemplates templates) {
        this.templates = templates;
    }

    @Override
    public EmailMessage invitationEmail(
            OutboundMessage message,
            InvitationContent invitation,
            PortalSettings settings,
            LinkToken token,
            EmailAddress defaultFrom) {
        Map<String, Object> scope = scope(invitation, settings, token);
        String[] parts = templates.renderParts(
                settings.practiceId(),
                TemplateName.INVITATION_EMAIL_TEXT,
                TemplateName.INVITATION_EMAIL_HTML,
                settings.practice().locale(),
                scope);
        String text = parts[0];
        String html = parts[1];
        EmailAddress from = settings.practice().senderAddress() != null
                ? settings.practice().senderAddress()
                : defaultFrom;
        String fromName = settings.practice().senderName() != null
                ? settings.practice().senderName()
                : settings.practice().name();
        return new EmailMessage(
                message.internetMessageId(),
                from,
                fromName,
                settings.practice().replyTo(),
                EmailAddress.of(message.recipient()),
                MessageTemplates.wording(settings.practice().locale(), "subject.invitation"),
                text,
                html);
    }

    @Override
    public SmsMessage smsNotice(OutboundMessage message, PortalSettings settings) {
        String body = smsNotice(settings, templates);
        return new SmsMessage(message.id().toString(), new PhoneNumber(message.recipient()), body);
    }

    /**
     * Renders a practice's SMS notice, fitting it into one segment where it can: the practice name is
     * folded into the GSM 7-bit alphabet (typographic quotes to plain ones, accents dropped) so that
     * one "Clínica" or pasted "’" does not switch the whole text to UCS-2, then shortened until the
     * notice fits one segment or the name reaches {@value #SMS_PRACTICE_NAME_MIN} characters. When
     * even the shortest name leaves the notice longer than one segment (wording in a language sent as
     * UCS-2, say), the name is kept whole.
     *
     * @param settings the practice's settings
     * @param templates the templates
     * @return the notice text
     */
    static String smsNotice(PortalSettings settings, MessageTemplates templates) {
        String name = gsmFold(settings.practice().name());
        String body = renderNotice(settings, templates, name);
        int length = name.codePointCount(0, name.length());
        if (SmsSegments.of(body).segments() > 1
                && length > SMS_PRACTICE_NAME_MIN
                && SmsSegments.of(renderNotice(settings, templates, shorten(name, SMS_PRACTICE_NAME_MIN)))
                                .segments()
                        > 1) {
            // the wording alone needs more than one segment (a long UCS-2 language): cutting the
            // practice name would cost the reader its name and save nothing
            return body;
        }
        while (SmsSegments.of(body).segments() > 1 && length > SMS_PRACTICE_NAME_MIN) {
            length--;
            name = settings.practice().name().isEmpty()
                    ? name
                    : shorten(gsmFold(settings.practice().name()), length);
            body = renderNotice(settings, templates, name);
        }
        return body;
    }

    private static String renderNotice(PortalSettings settings, MessageTemplates templates, String practiceName) {
        return templates
                .render(
                        settings.practiceId(),
                        TemplateName.SMS_NOTICE,
                        settings.practice().locale(),
                        Map.of("practiceName", practiceName))
                .strip();
    }

    /** Replaces characters outside GSM-7 by the nearest ones inside it, when there is one. */
    static String gsmFold(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            String c = new String(Character.toChars(cp));
            if (c.length() == 1 && SmsSegments.isGsm7(c.charAt(0))) {
                out.append(c);
                continue;
            }
            String folded = switch (cp) {
                case 0x2018, 0x2019, 0x201A, 0x2032 -> "'";
                case 0x201C, 0x201D, 0x201E, 0x2033 -> "\"";
                case 0x2013, 0x2014 -> "-";
                default -> Normalizer.normalize(c, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
            };
            boolean allGsm = !folded.isEmpty() && folded.chars().allMatch(ch -> SmsSegments.isGsm7((char) ch));
            out.append(allGsm ? folded : c);
        }
        return out.toString();
    }

    private static String shorten(String name, int codePoints) {
        if (name.codePointCount(0, name.length()) <= codePoints) {
            return name;
        }
        return name.substring(0, name.offsetByCodePoints(0, codePoints - 1)) + ".";
    }

    private static Map<String, Object> scope(InvitationContent invitation, PortalSettings settings, LinkToken token) {
        return scope(
                invitation.inviteeFirstName(),
                settings,
                settings.links().invitationLinkBase() + "?token=" + token.reveal(),
                invitation.expiresAt(),
                invitation.patientFirstName(),
                invitation.relationship());
    }

    /**
     * Builds the merge values of the invitation templates.
     *
     * @param inviteeFirstName the invitee's first name
     * @param settings the practice's settings (name, locale, time zone)
     * @param link the invitation link
     * @param expiresAt when the link expires
     * @param patientFirstName for a carer invitation, the patient's first name; null otherwise
     * @param relationship for a carer invitation, the relationship; null otherwise
     * @return the merge values
     */
    static Map<String, Object> scope(
            String inviteeFirstName,
            PortalSettings settings,
            String link,
            Instant expiresAt,
            @Nullable String patientFirstName,
            @Nullable Relationship relationship) {
        Map<String, Object> scope = new HashMap<>();
        scope.put("inviteeFirstName", inviteeFirstName);
        scope.put("practiceName", settings.practice().name());
        scope.put("link", link);
        Locale locale = settings.practice().locale();
        scope.put(
                "expiry",
                MessageTemplates.expiry(expiresAt, locale, settings.practice().timeZone()));
        scope.put("carer", patientFirstName != null);
        scope.put("language", settings.practice().locale().toLanguageTag());
        if (patientFirstName != null) {
            scope.put("patientFirstName", patientFirstName);
            scope.put(
                    "relationship",
                    MessageTemplates.wording(
                            locale,
                            "relationship."
                                    + Objects.requireNonNull(relationship)
                                            .name()
                                            .toLowerCase(Locale.ROOT)));
        }
        return scope;
    }

    @Override
    public EmailMessage reminderEmail(
            OutboundMessage message,
            InvitationContent invitation,
            PortalSettings settings,
            LinkToken token,
            EmailAddress defaultFrom) {
        Map<String, Object> scope = scope(invitation, settings, token);
        return email(
                message,
                settings,
                defaultFrom,
                MessageTemplates.wording(settings.practice().locale(), "subject.reminder"),
                templates.renderParts(
                        settings.practiceId(),
                        TemplateName.REMINDER_EMAIL_TEXT,
                        TemplateName.REMINDER_EMAIL_HTML,
                        settings.practice().locale(),
                        scope));
    }

    @Override
    public EmailMessage passwordResetEmail(
            OutboundMessage message,
            PortalSettings settings,
            LinkToken token,
            Instant expiresAt,
            EmailAddress defaultFrom) {
        Map<String, Object> scope = scope(
                "", settings, settings.links().resetLinkBase() + "?token=" + token.reveal(), expiresAt, null, null);
        return email(
                message,
                settings,
                defaultFrom,
                MessageTemplates.wording(settings.practice().locale(), "subject.reset"),
                templates.renderParts(
                        settings.practiceId(),
                        TemplateName.PASSWORD_RESET_EMAIL_TEXT,
                        TemplateName.PASSWORD_RESET_EMAIL_HTML,
                        settings.practice().locale(),
                        scope));
    }

    private static EmailMessage email(
            OutboundMessage message,
            PortalSettings settings,
            EmailAddress defaultFrom,
            String subject,
            String[] parts) {
        String text = parts[0];
        String html = parts[1];
        EmailAddress from = settings.practice().senderAddress() != null
                ? settings.practice().senderAddress()
                : defaultFrom;
        String fromName = settings.practice().senderName() != null
                ? settings.practice().senderName()
                : settings.practice().name();
        return new EmailMessage(
                message.internetMessageId(),
                from,
                fromName,
                settings.practice().replyTo(),
                EmailAddress.of(message.recipient()),
                subject,
                text,
                html);
    }
}
