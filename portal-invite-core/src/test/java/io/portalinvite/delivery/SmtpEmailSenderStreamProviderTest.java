package io.portalinvite.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.util.StreamProvider;
import org.junit.jupiter.api.Test;

/** The sender names Angus Mail's stream provider so Jakarta Mail stops running a ServiceLoader per MIME part. */
class SmtpEmailSenderStreamProviderTest {

    @Test
    void loadWhenHostChoseNoProviderThenAngusProviderNamedAndUsed() {
        SmtpEmailSender.nameStreamProvider();

        assertThat(System.getProperty(SmtpEmailSender.STREAM_PROVIDER_PROPERTY))
                .isEqualTo(SmtpEmailSender.ANGUS_STREAM_PROVIDER);
        assertThat(StreamProvider.provider().getClass().getName()).isEqualTo(SmtpEmailSender.ANGUS_STREAM_PROVIDER);
    }

    @Test
    void nameStreamProviderWhenHostChoseOneThenKept() {
        String before = System.getProperty(SmtpEmailSender.STREAM_PROVIDER_PROPERTY);
        System.setProperty(SmtpEmailSender.STREAM_PROVIDER_PROPERTY, "com.example.HostStreamProvider");
        try {
            SmtpEmailSender.nameStreamProvider();

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
