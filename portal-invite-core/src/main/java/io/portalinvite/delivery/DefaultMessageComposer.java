package io.portalinvite.delivery;

import io.portalinvite.invitation.Invitation;
import io.portalinvite.invitation.InviteeKind;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.party.PhoneNumber;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.token.InvitationToken;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Composes the invitation email (plain text and HTML) and the SMS notice from {@link MessageTemplates}:
 * the practice's own wording for its locale when it saved one, the built-in wording otherwise.
 *
 * <p>The subject is fixed and names no patient, clinician or condition (HIPAA minimum necessary,
 * checklist B2). Merge fields: {@code inviteeFirstName}, {@code practiceName}, {@code link},
 * {@code expiry} (in the practice's time zone and locale), {@code carer} (true for a carer
 * invitation), {@code patientFirstName} and {@code relationship} (for a carer), {@code language}.
 */
public class DefaultMessageComposer implements MessageComposer {

    /** The fixed subject of the invitation email. */
    public static final String SUBJECT = "Your Patient Portal invitation";

    /** The most characters of a practice name put in an SMS, so the notice stays one segment. */
    static final int SMS_PRACTICE_NAME_MAX = 40;

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
    public EmailMessage invitationEmail(OutboundMessage message, Invitation invitation, PortalSettings settings,
            InvitationToken token, EmailAddress defaultFrom) {
        Map<String, Object> scope = scope(invitation.invitee().name().given(), settings,
                settings.invitationLinkBase() + "?token=" + token.reveal(), invitation.expiresAt(),
                invitation.invitee().kind() == InviteeKind.CARER ? invitation.patient().name().given() : null,
                invitation.invitee().relationship() == null ? null
                        : invitation.invitee().relationship().name().toLowerCase(Locale.ROOT));
        String text = templates.render(settings.practiceId(), TemplateName.INVITATION_EMAIL_TEXT, settings.locale(), scope);
        String html = templates.render(settings.practiceId(), TemplateName.INVITATION_EMAIL_HTML, settings.locale(), scope);
        EmailAddress from = settings.senderAddress() != null ? settings.senderAddress() : defaultFrom;
        String fromName = settings.senderName() != null ? settings.senderName() : settings.practiceName();
        return new EmailMessage(message.internetMessageId(), from, fromName, settings.replyTo(),
                EmailAddress.of(message.recipient()), SUBJECT, text, html);
    }

    @Override
    public SmsMessage smsNotice(OutboundMessage message, Invitation invitation, PortalSettings settings) {
        String body = templates.render(settings.practiceId(), TemplateName.SMS_NOTICE, settings.locale(),
                Map.of("practiceName", smsPracticeName(settings.practiceName())));
        return new SmsMessage(message.id().toString(), new PhoneNumber(message.recipient()), body.strip());
    }

    /**
     * Builds the merge values of the invitation templates.
     *
     * @param inviteeFirstName the invitee's first name
     * @param settings the practice's settings (name, locale, time zone)
     * @param link the invitation link
     * @param expiresAt when the link expires
     * @param patientFirstName for a carer invitation, the patient's first name; null otherwise
     * @param relationship for a carer invitation, the relationship in lower case; null otherwise
     * @return the merge values
     */
    public static Map<String, Object> scope(String inviteeFirstName, PortalSettings settings, String link,
            Instant expiresAt, @Nullable String patientFirstName, @Nullable String relationship) {
        Map<String, Object> scope = new HashMap<>();
        scope.put("inviteeFirstName", inviteeFirstName);
        scope.put("practiceName", settings.practiceName());
        scope.put("link", link);
        scope.put("expiry", DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(settings.locale()).withZone(settings.timeZone()).format(expiresAt));
        scope.put("carer", patientFirstName != null);
        scope.put("language", settings.locale().toLanguageTag());
        if (patientFirstName != null) {
            scope.put("patientFirstName", patientFirstName);
            scope.put("relationship", Objects.requireNonNull(relationship));
        }
        return scope;
    }

    /**
     * Shortens a long practice name for the SMS, so the default notice stays in one GSM-7 segment.
     *
     * @param practiceName the practice's display name
     * @return the name, cut to {@value #SMS_PRACTICE_NAME_MAX} code points with a full stop
     */
    static String smsPracticeName(String practiceName) {
        if (practiceName.codePointCount(0, practiceName.length()) <= SMS_PRACTICE_NAME_MAX) {
            return practiceName;
        }
        return practiceName.substring(0, practiceName.offsetByCodePoints(0, SMS_PRACTICE_NAME_MAX - 1)) + ".";
    }
}
