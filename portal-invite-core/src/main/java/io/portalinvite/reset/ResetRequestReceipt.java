package io.portalinvite.reset;

/**
 * The answer to a "forgot password" request. It is the same value whether or not the email has an
 * account, is rate-limited or is disabled, so a host that shows it reveals nothing (checklist E1).
 *
 * @param message the text to show
 */
public record ResetRequestReceipt(String message) {

    /** The only receipt the service returns. */
    public static final ResetRequestReceipt GENERIC = new ResetRequestReceipt(
            "If an account exists for this email address, we have sent it a link to choose a new password. "
                    + "The link works once and expires soon.");
}
