package io.portalinvite.examples.demo.mailbox;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One email as the mailbox page shows it.
 *
 * @param number its position in arrival order, from 1
 * @param from the From header
 * @param to the recipients
 * @param subject the subject
 * @param receivedAt when the server received it
 * @param text the plain-text part
 * @param html the HTML part, shown in a sandboxed frame
 * @param links the web addresses in the text part, in order
 */
public record ReceivedEmail(
        int number,
        String from,
        String to,
        String subject,
        @Nullable Instant receivedAt,
        String text,
        String html,
        List<String> links) {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");

    /**
     * Reads a received message.
     *
     * @param number its arrival position
     * @param message the message
     * @return the email
     */
    static ReceivedEmail of(int number, MimeMessage message) {
        try {
            String text = part(message, "text/plain");
            List<String> links = new ArrayList<>();
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                links.add(m.group());
            }
            return new ReceivedEmail(
                    number,
                    addresses(message.getFrom()),
                    addresses(message.getAllRecipients()),
                    message.getSubject() == null ? "" : message.getSubject(),
                    message.getReceivedDate() == null
                            ? (message.getSentDate() == null
                                    ? null
                                    : message.getSentDate().toInstant())
                            : message.getReceivedDate().toInstant(),
                    text,
                    part(message, "text/html"),
                    List.copyOf(links));
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("could not read a received email", e);
        }
    }

    /**
     * Splits the text part into plain text and links, so the page can make the links clickable
     * while escaping everything else.
     *
     * @return text and link pieces, in order
     */
    public List<TextPiece> textPieces() {
        List<TextPiece> pieces = new ArrayList<>();
        Matcher m = LINK.matcher(text);
        int last = 0;
        while (m.find()) {
            pieces.add(new TextPiece(text.substring(last, m.start()), false));
            pieces.add(new TextPiece(m.group(), true));
            last = m.end();
        }
        pieces.add(new TextPiece(text.substring(last), false));
        return pieces;
    }

    /**
     * Returns the HTML part prepared for an {@code iframe srcdoc}: links open in the whole window.
     *
     * @return the document
     */
    public String htmlForFrame() {
        return "<base target=\"_top\">" + html;
    }

    /**
     * A piece of the text part.
     *
     * @param value the text
     * @param link whether it is a web address
     */
    public record TextPiece(String value, boolean link) {}

    private static String addresses(Address @Nullable [] addresses) {
        if (addresses == null) {
            return "";
        }
        List<String> values = new ArrayList<>();
        for (Address a : addresses) {
            values.add(a.toString());
        }
        return String.join(", ", values);
    }

    private static String part(Part part, String type) throws MessagingException, IOException {
        if (part.isMimeType(type)) {
            Object content = part.getContent();
            return content instanceof String s ? s : "";
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = part(multipart.getBodyPart(i), type);
                if (!found.isEmpty()) {
                    return found;
                }
            }
        }
        return "";
    }
}
