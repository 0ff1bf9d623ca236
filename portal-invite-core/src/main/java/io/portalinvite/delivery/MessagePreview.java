package io.portalinvite.delivery;

/**
 * A practice's messages rendered with sample values, for staff to check before anything is sent.
 *
 * @param subject the email subject
 * @param emailText the plain-text part
 * @param emailHtml the HTML part
 * @param smsNotice the SMS notice
 * @param smsSegments how the SMS notice will be billed: encoding and number of segments
 */
public record MessagePreview(
        String subject, String emailText, String emailHtml, String smsNotice, SmsSegments smsSegments) {}
