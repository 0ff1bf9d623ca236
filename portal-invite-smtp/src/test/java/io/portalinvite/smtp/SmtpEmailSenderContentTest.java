package io.portalinvite.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.portalinvite.common.ValidationException;
import io.portalinvite.delivery.DefaultMessageComposer;
import io.portalinvite.delivery.EmailSender.EmailMessage;
import io.portalinvite.party.EmailAddress;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What arrives at a real SMTP server (GreenMail): headers, structure, encoding. */
class SmtpEmailSenderContentTest {

    /** Every header a received message may carry; anything else was injected or leaked. */
    private static final Set<String> EXPECTED_HEADERS = Set.of(
            "return-path",
            "received",
            "date",
            "from",
            "reply-to",
            "to",
            "message-id",
            "subject",
            "mime-version",
            "content-type");

    private GreenMail greenMail;
    private SmtpEmailSender sender;

    @BeforeEach
    void start() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        sender = new SmtpEmailSender(
                SmtpTestMessages.plainTo(greenMail.getSmtp().getPort()).build());
    }

    @AfterEach
    void stop() {
        sender.close();
        greenMail.stop();
    }

    @Test
    void sendWhenMessageHasUtf8NamesAndEscapedHtmlThenHeadersAndBothPartsArriveIntact() throws Exception {
        String text = "Hello Zoë,\n\nOpen this link:\n" + SmtpTestMessages.LINK + "\n";
        String html = "<p>Hello Zoë &lt;script&gt;alert(1)&lt;/script&gt;,</p><p><a href=\"" + SmtpTestMessages.LINK
                + "\">Set up your account</a></p>";
        EmailMessage message = new EmailMessage(
                "<4b1d3c9e-0f7a-4e0b-9a57-3d2f6c1e8a10@portal-invite.test>",
                EmailAddress.of("no-reply@sunrise.example"),
                "Zoë O'Brien",
                EmailAddress.of("front-desk@sunrise.example"),
                EmailAddress.of("zoe.obrien@example.org"),
                DefaultMessageComposer.SUBJECT,
                text,
                html);

        sender.send(message);
        sender.batchFinished();

        MimeMessage received = onlyReceived();
        InternetAddress from = (InternetAddress) received.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("no-reply@sunrise.example");
        assertThat(from.getPersonal()).isEqualTo("Zoë O'Brien");
        assertThat(received.getReplyTo())
                .extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly("front-desk@sunrise.example");
        assertThat(received.getRecipients(Message.RecipientType.TO))
                .extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly("zoe.obrien@example.org");
        assertThat(received.getRecipients(Message.RecipientType.CC)).isNull();
        assertThat(received.getSubject()).isEqualTo(DefaultMessageComposer.SUBJECT);
        assertThat(received.getMessageID()).isEqualTo(message.internetMessageId());

        assertThat(new ContentType(received.getContentType()).getBaseType()).isEqualTo("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) received.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        MimeBodyPart plain = (MimeBodyPart) parts.getBodyPart(0);
        MimeBodyPart rich = (MimeBodyPart) parts.getBodyPart(1);
        assertThat(new ContentType(plain.getContentType()).getBaseType()).isEqualTo("text/plain");
        assertThat(new ContentType(plain.getContentType()).getParameter("charset"))
                .isEqualToIgnoringCase("UTF-8");
        assertThat(new ContentType(rich.getContentType()).getBaseType()).isEqualTo("text/html");
        assertThat(new ContentType(rich.getContentType()).getParameter("charset"))
                .isEqualToIgnoringCase("UTF-8");
        assertThat(normaliseLineBreaks((String) plain.getContent())).isEqualTo(text);
        assertThat((String) rich.getContent())
                .isEqualTo(html)
                .contains("&lt;script&gt;")
                .doesNotContain("<script>");
    }

    @Test
    void sendThenRawMessageHasOnlyExpectedAsciiHeadersAndNoBcc() throws Exception {
        sender.send(SmtpTestMessages.invitation("ada@example.org"));
        sender.batchFinished();

        MimeMessage received = onlyReceived();
        List<String> names = new ArrayList<>();
        for (Header h : Collections.list(received.getAllHeaders())) {
            names.add(h.getName().toLowerCase(Locale.ROOT));
        }
        assertThat(names).doesNotContain("bcc").allMatch(EXPECTED_HEADERS::contains);
        assertThat(names).filteredOn("message-id"::equals).hasSize(1);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        received.writeTo(raw);
        byte[] bytes = raw.toByteArray();
        for (byte b : bytes) {
            assertThat(b & 0xff)
                    .as("every byte on the wire is 7-bit; UTF-8 travels encoded")
                    .isLessThan(0x80);
        }
        assertThat(new String(bytes, StandardCharsets.US_ASCII)).doesNotContainIgnoringCase("\nBcc:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Smith, Jones & Partners", "\"The\" Clinic <main>", "Dr. Müller; Praxis (Süd)"})
    void sendWhenDisplayNameHasCommasQuotesOrBracketsThenItStaysOneSender(String name) throws Exception {
        sender.send(new EmailMessage(
                "<id-1@portal-invite.test>",
                EmailAddress.of("no-reply@sunrise.example"),
                name,
                null,
                EmailAddress.of("ada@example.org"),
                DefaultMessageComposer.SUBJECT,
                "text",
                "<p>html</p>"));
        sender.batchFinished();

        MimeMessage received = onlyReceived();
        assertThat(received.getFrom()).hasSize(1);
        InternetAddress from = (InternetAddress) received.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("no-reply@sunrise.example");
        assertThat(from.getPersonal()).isEqualTo(name);
        assertThat(received.getRecipients(Message.RecipientType.TO)).hasSize(1);
        assertThat(received.getReplyTo())
                .as("no Reply-To header, so replies go to From")
                .extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly("no-reply@sunrise.example");
        assertThat(received.getHeader("Reply-To")).isNull();
    }

    @Test
    void sendTwiceWithSameMessageThenBothCopiesCarryTheSameMessageId() throws Exception {
        EmailMessage message = SmtpTestMessages.invitation("<same-every-time@portal-invite.test>", "ada@example.org");

        sender.send(message);
        sender.batchFinished();
        sender.send(message);
        sender.batchFinished();

        assertThat(greenMail.waitForIncomingEmail(5_000, 2)).isTrue();
        assertThat(greenMail.getReceivedMessages())
                .extracting(MimeMessage::getMessageID)
                .containsExactly("<same-every-time@portal-invite.test>", "<same-every-time@portal-invite.test>");
    }

    static Stream<Arguments> headerInjections() {
        String crlf = "\r\nBcc: attacker@evil.example";
        return Stream.of(
                Arguments.of("subject", (Supplier<EmailMessage>)
                        () -> message("<a@b.test>", "Sunrise", "Invite" + crlf, "ada@example.org")),
                Arguments.of("fromName", (Supplier<EmailMessage>)
                        () -> message("<a@b.test>", "Sunrise" + crlf, "Invite", "ada@example.org")),
                Arguments.of("messageId", (Supplier<EmailMessage>)
                        () -> message("<a@b.test>" + crlf, "Sunrise", "Invite", "ada@example.org")),
                Arguments.of("to", (Supplier<EmailMessage>)
                        () -> message("<a@b.test>", "Sunrise", "Invite", "ada@example.org" + crlf)),
                Arguments.of("subject with bare LF", (Supplier<EmailMessage>)
                        () -> message("<a@b.test>", "Sunrise", "Invite\nX-Evil: 1", "ada@example.org")),
                Arguments.of("subject with NUL", (Supplier<EmailMessage>)
                        () -> message("<a@b.test>", "Sunrise", "Invite\u0000", "ada@example.org")),
                Arguments.of("fromName with U+2028", (Supplier<EmailMessage>)
                        () -> message("<a@b.test>", "Sun\u2028rise", "Invite", "ada@example.org")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headerInjections")
    void sendWhenHeaderValueCarriesLineBreakOrControlCharacterThenRefusedAndNothingReachesTheServer(
            String field, Supplier<EmailMessage> build) {
        assertThatThrownBy(() -> sender.send(build.get())).isInstanceOf(ValidationException.class);
        sender.batchFinished();

        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    private static EmailMessage message(String messageId, String fromName, String subject, String to) {
        return new EmailMessage(
                messageId,
                EmailAddress.of("no-reply@sunrise.example"),
                fromName,
                null,
                EmailAddress.of(to),
                subject,
                "text",
                "<p>html</p>");
    }

    private MimeMessage onlyReceived() {
        assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        return received[0];
    }

    private static String normaliseLineBreaks(String s) {
        return s.replace("\r\n", "\n");
    }
}
