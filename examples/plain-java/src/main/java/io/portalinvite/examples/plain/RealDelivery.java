package io.portalinvite.examples.plain;

import io.portalinvite.PortalInvite;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.smtp.SmtpEmailSender;
import io.portalinvite.smtp.SmtpSettings;
import io.portalinvite.twilio.TwilioSettings;
import io.portalinvite.twilio.TwilioSmsSender;
import java.util.Map;

/**
 * The README's SMTP and SMS configuration for plain Java, kept here so the build compiles it and a
 * test runs it against a real SMTP server (GreenMail) and a stand-in for Twilio's API on loopback.
 */
final class RealDelivery {

    private RealDelivery() {}

    static PortalInvite.Builder withRealDelivery(PortalInvite.Builder builder, Map<String, String> env) {
        // real-delivery:begin
        SmtpSettings.Builder smtp = SmtpSettings.builder()
                .host(env.get("SMTP_HOST")) // your relay
                .port(Integer.parseInt(env.getOrDefault("SMTP_PORT", "587")))
                .security(SmtpSettings.Security.valueOf(env.getOrDefault("SMTP_SECURITY", "STARTTLS")));
        if (env.containsKey("SMTP_USERNAME")) {
            smtp.credentials(env.get("SMTP_USERNAME"), env.get("SMTP_PASSWORD"));
        }
        SmtpEmailSender email = new SmtpEmailSender(smtp.build()); // timeouts 10 s / 30 s / 30 s
        TwilioSmsSender sms = new TwilioSmsSender(TwilioSettings.builder()
                .accountSid(env.get("TWILIO_ACCOUNT_SID"))
                .authToken(env.get("TWILIO_AUTH_TOKEN"))
                .from(env.get("TWILIO_FROM")) // or .messagingServiceSid(...)
                .baseUrl(env.getOrDefault("TWILIO_BASE_URL", "https://api.twilio.com"))
                .build());
        builder.emailSender(email)
                .smsSender(sms)
                .defaultSender(EmailAddress.of(env.get("PORTAL_FROM"))); // e.g. no-reply@practice.example
        // real-delivery:end
        return builder;
    }
}
