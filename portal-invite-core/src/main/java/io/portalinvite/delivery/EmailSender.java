package io.portalinvite.delivery;

import io.portalinvite.common.TextRules;
import io.portalinvite.common.ValidationException;
import io.portalinvite.party.EmailAddress;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Sends an email. Implementations: the SMTP sender (Jakarta Mail), test doubles, or the host's own
 * mail gateway.
 *
 * <p>Called by the {@link OutboxDispatcher} outside any transaction. It may be called more than once
 * for the same message (at-least-once delivery); the stable Message-ID lets the far side recognise
 * a duplicate.
 */
@FunctionalInterface
public interface EmailSender extends SenderBatchHook {

    /**
     * Sends one message.
     *
     * @param message the message
     * @throws DeliveryException when it was not sent; {@link DeliveryException#permanent()} says
     *     whether trying again can help. Any other runtime exception counts as retryable.
     */
    void send(EmailMessage message);

    /**
     * A composed email, ready for an {@link EmailSender}. Header values are checked here so that no
     * sender can be handed a CR, LF or other control character in a header (checklist B4), whatever
     * its mail library does with them.
     *
     * @param internetMessageId the Message-ID header, stable across retries, e.g. {@code <uuid@host>}
     * @param from the From address
     * @param fromName the From display name, or null
     * @param replyTo the Reply-To address, or null
     * @param to the single recipient
     * @param subject the subject; fixed text without health information
     * @param textBody the plain-text part
     * @param htmlBody the HTML part, with every dynamic value escaped
     */
    public record EmailMessage(
            String internetMessageId,
            EmailAddress from,
            @Nullable String fromName,
            @Nullable EmailAddress replyTo,
            EmailAddress to,
            String subject,
            String textBody,
            String htmlBody) {

        /** Refuses control characters in every header value. */
        public EmailMessage {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(textBody, "textBody");
            Objects.requireNonNull(htmlBody, "htmlBody");
            header("email.messageId", internetMessageId);
            header("email.subject", subject);
            if (fromName != null) {
                header("email.fromName", fromName);
            }
            if (!internetMessageId.startsWith("<")
                    || !internetMessageId.endsWith(">")
                    || internetMessageId.contains(" ")) {
                throw new ValidationException("email.messageId", "message_id.syntax", "must look like <id@domain>");
            }
        }

        private static void header(String field, @Nullable String value) {
            String text = TextRules.requireText(field, value);
            TextRules.refuseControlCharacters(field, text);
            TextRules.requireMaxLength(field, text, 998);
        }

        @Override
        public String toString() {
            // the body carries the link's token
            return "EmailMessage[" + internetMessageId + "]";
        }
    }
}
