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
    SMS_NOTICE("sms-notice.txt"),
    /** The plain-text part of the reminder sent shortly before an invitation expires. */
    REMINDER_EMAIL_TEXT("reminder-email.txt"),
    /** The HTML part of the reminder; every merge value is HTML-escaped. */
    REMINDER_EMAIL_HTML("reminder-email.html"),
    /** The plain-text part of the password-reset email. */
    PASSWORD_RESET_EMAIL_TEXT("password-reset-email.txt"),
    /** The HTML part of the password-reset email; every merge value is HTML-escaped. */
    PASSWORD_RESET_EMAIL_HTML("password-reset-email.html");

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
        return this == INVITATION_EMAIL_HTML || this == REMINDER_EMAIL_HTML || this == PASSWORD_RESET_EMAIL_HTML;
    }
}
