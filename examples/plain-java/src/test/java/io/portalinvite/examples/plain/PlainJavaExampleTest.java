package io.portalinvite.examples.plain;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.delivery.EmailSender.EmailMessage;
import io.portalinvite.delivery.SmsSender.SmsMessage;
import io.portalinvite.invitation.InviteResult.InviteOutcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PlainJavaExampleTest {

    @Test
    void runWhenExecutedThenPrintsEverySixStepsOfTheWorkflow() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PlainJavaExample.run(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String output = buffer.toString(StandardCharsets.UTF_8);

        assertThat(output)
                .contains("portal enabled: true")
                .contains("outcome: INVITED")
                .contains("[email] To: ada.lovelace@example.org")
                .contains("[sms]   To: +614*****678")
                .contains("Sunrise Family Clinic invites Ada (a***@example.org)")
                .contains("account created: true, access: SELF to patient PT-1001")
                .contains("login succeeded: true, may act for [PT-1001 (SELF)]")
                .contains("Login failed: the email address or password is incorrect.");
        assertThat(output.indexOf("1. ")).isLessThan(output.indexOf("6. "));
    }

    @Test
    void quickStartWhenRunThenInvitesAndDeliversEmailAndNotice() throws InterruptedException {
        List<EmailMessage> emails = new CopyOnWriteArrayList<>();
        List<SmsMessage> sms = new CopyOnWriteArrayList<>();
        QuickStart.Started started =
                QuickStart.quickStart(emails::add, sms::add, "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
        try {
            assertThat(started.result().outcome()).isEqualTo(InviteOutcome.INVITED);
            started.portal().dispatcher().drain();
            // the quick start also runs the background dispatcher, which may hold a claim on a message
            // that this thread's drain() therefore skips: wait (bounded) for its send to finish
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while ((emails.isEmpty() || sms.isEmpty()) && System.nanoTime() < deadline) {
                started.portal().dispatcher().drain();
                Thread.sleep(20);
            }

            assertThat(emails).singleElement().satisfies(e -> {
                assertThat(e.to().value()).isEqualTo("ada.lovelace@example.org");
                assertThat(e.from().value()).isEqualTo("no-reply@sunrise.example");
            });
            assertThat(sms)
                    .singleElement()
                    .satisfies(s -> assertThat(s.to().e164()).isEqualTo("+61412345678"));
        } finally {
            started.portal().close();
        }
    }

    @Test
    void readmeWhenShowingQuickStartThenShowsExactlyTheCompiledCode() {
        ReadmeSnippets.assertReadmeShows("QuickStart.java", "quick-start");
    }
}
