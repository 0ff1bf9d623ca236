package io.portalinvite.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.util.StreamProvider;
import org.junit.jupiter.api.Test;

/**
 * Naming Angus Mail's stream provider is the host's explicit choice: the sender never sets the JVM-wide
 * property by itself, and {@link SmtpEmailSender#useAngusStreamProvider()} keeps a provider the host named.
 */
class SmtpEmailSenderStreamProviderTest {

    @Test
    void senderWhenCreatedAndUsedThenSetsNoSystemProperty() {
        String before = System.getProperty(SmtpEmailSender.STREAM_PROVIDER_PROPERTY);
        System.clearProperty(SmtpEmailSender.STREAM_PROVIDER_PROPERTY);
        try (SmtpEmailSender sender =
                new SmtpEmailSender(SmtpTestMessages.plainTo(1).build())) {
            sender.batchFinished();

            assertThat(System.getProperty(SmtpEmailSender.STREAM_PROVIDER_PROPERTY))
                    .isNull();
        } finally {
            if (before != null) {
                System.setProperty(SmtpEmailSender.STREAM_PROVIDER_PROPERTY, before);
            }
        }
    }

    @Test
    void useAngusStreamProviderWhenHostChoseNoProviderThenAngusProviderNamedAndUsed() {
        assertThat(SmtpEmailSender.useAngusStreamProvider()).isTrue();

        assertThat(System.getProperty(SmtpEmailSender.STREAM_PROVIDER_PROPERTY))
                .isEqualTo(SmtpEmailSender.ANGUS_STREAM_PROVIDER);
        assertThat(StreamProvider.provider().getClass().getName()).isEqualTo(SmtpEmailSender.ANGUS_STREAM_PROVIDER);
    }

    @Test
    void useAngusStreamProviderWhenHostChoseOneThenKept() {
        String before = System.getProperty(SmtpEmailSender.STREAM_PROVIDER_PROPERTY);
        System.setProperty(SmtpEmailSender.STREAM_PROVIDER_PROPERTY, "com.example.HostStreamProvider");
        try {
            assertThat(SmtpEmailSender.useAngusStreamProvider()).isFalse();

            assertThat(System.getProperty(SmtpEmailSender.STREAM_PROVIDER_PROPERTY))
                    .isEqualTo("com.example.HostStreamProvider");
        } finally {
            if (before == null) {
                System.clearProperty(SmtpEmailSender.STREAM_PROVIDER_PROPERTY);
            } else {
                System.setProperty(SmtpEmailSender.STREAM_PROVIDER_PROPERTY, before);
            }
        }
    }
}
