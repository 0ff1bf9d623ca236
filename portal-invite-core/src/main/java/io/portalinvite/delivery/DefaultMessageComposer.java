package io.portalinvite.delivery;

import io.portalinvite.invitation.Invitation;
import io.portalinvite.invitation.InviteeKind;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.party.PhoneNumber;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.token.InvitationToken;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Objects;

/**
 * The built-in wording: a plain-text and an HTML part with the practice's name and the link, and a
 * one-segment SMS notice.
 *
 * <p>The subject is fixed and names no patient, clinician or condition (HIPAA minimum necessary,
 * checklist B2). Every dynamic value is HTML-escaped in the HTML part (checklist B6), and no
 * template is ever built from input: values are inserted, never interpreted.
 */
public class DefaultMessageComposer implements MessageComposer {

    /** The fixed subject of the invitation email. */
    public static final String SUBJECT = "Your Patient Portal invitation";

    /** The most characters of a practice name put in an SMS, so the notice stays one segment. */
    static final int SMS_PRACTICE_NAME_MAX = 40;

    /** Creates the composer. */
    public DefaultMessageComposer() {
    }

    @Override
    public EmailMessage invitationEmail(OutboundMessage message, Invitation invitation, PortalSettings settings,
            InvitationToken token, EmailAddress defaultFrom) {
        String link = settings.invitationLinkBase() + "?token=" + token.reveal();
        String expiry = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(settings.locale()).withZone(settings.timeZone()).format(invitation.expiresAt());
        String practice = settings.practiceName();
        String first = invitation.invitee().name().given();
        String purpose = invitation.invitee().kind() == InviteeKind.CARER
                ? "to help manage the care of " + invitation.patient().name().given() + ", as their "
                        + Objects.requireNonNull(invitation.invitee().relationship()).name().toLowerCase(Locale.ROOT)
                : "where you can see your information and manage your care online";

        String text = "Hello " + first + ",\n\n"
                + practice + " has invited you to the Patient Portal, " + purpose + ".\n\n"
                + "To set up your account, open this link and choose a password:\n" + link + "\n\n"
                + "The link works once and expires on " + expiry + ". We will never ask for your password "
                + "by email or phone.\n\n"
                + "If you were not expecting this invitation, you can ignore this email.\n\n"
                + practice + "\n";
        String html = "<!DOCTYPE html><html><body style=\"font-family:sans-serif\">"
                + "<p>Hello " + escape(first) + ",</p>"
                + "<p>" + escape(practice) + " has invited you to the Patient Portal, " + escape(purpose) + ".</p>"
                + "<p><a href=\"" + escape(link) + "\">Set up your Patient Portal account</a></p>"
                + "<p>The link works once and expires on " + escape(expiry) + ". We will never ask for your "
                + "password by email or phone.</p>"
                + "<p>If you were not expecting this invitation, you can ignore this email.</p>"
                + "<p>" + escape(practice) + "</p></body></html>";
        EmailAddress from = settings.senderAddress() != null ? settings.senderAddress() : defaultFrom;
        String fromName = settings.senderName() != null ? settings.senderName() : practice;
        return new EmailMessage(message.internetMessageId(), from, fromName, settings.replyTo(),
                EmailAddress.of(message.recipient()), SUBJECT, text, html);
    }

    @Override
    public SmsMessage smsNotice(OutboundMessage message, Invitation invitation, PortalSettings settings) {
        String practice = settings.practiceName();
        if (practice.codePointCount(0, practice.length()) > SMS_PRACTICE_NAME_MAX) {
            practice = practice.substring(0, practice.offsetByCodePoints(0, SMS_PRACTICE_NAME_MAX - 1)) + ".";
        }
        String body = practice + ": we have emailed you an invitation to set up your Patient Portal account. "
                + "Please check your inbox.";
        return new SmsMessage(message.id().toString(), new PhoneNumber(message.recipient()), body);
    }

    /**
     * Escapes text for HTML element content and double-quoted attributes.
     *
     * @param value the text
     * @return the escaped text
     */
    protected static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
