package io.portalinvite.delivery;

/**
 * The message texts a practice can reword. The email subject is not among them: it stays a fixed,
 * neutral text so that it never carries health information (checklist B2).
 */
public enum TemplateName {
    /** The plain-text part of the invitation email. */
    INVITATION_EMAIL_TEXT("invitation-email.txt"),
    /** The HTML part of the invitation email; every merge value is HTML-escaped. */
    INVITATION_EMAIL_HTML("invitation-email.html"),
    /** The SMS notice that an email was sent; it may not contain a link. */
    SMS_NOTICE("sms-notice.txt");

    private final String fileName;

    TemplateName(String fileName) {
        this.fileName = fileName;
    }

    /**
     * Returns the file name of the built-in template.
     *
     * @return e.g. {@code invitation-email.txt}
     */
    public String fileName() {
        return fileName;
    }

    /**
     * Tells whether merge values are HTML-escaped in this template.
     *
     * @return true for the HTML part
     */
    public boolean html() {
        return this == INVITATION_EMAIL_HTML;
    }
}
