package io.portalinvite.token;

import io.portalinvite.common.PortalInviteException;
import java.io.Serial;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The raw secret carried in a link — an invitation link or a password-reset link: 256 bits,
 * base64url without padding (43 characters), made for one {@link Purpose}.
 *
 * <p>It exists only in memory while a message is composed or a link is checked. It is never stored,
 * never logged and never put in an exception message: {@link #toString()} is masked.
 */
public final class LinkToken {

    /** Length of the encoded token. */
    public static final int LENGTH = 43;

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");

    /**
     * What a link is for. Each purpose derives its tokens under its own prefix, so a token made for
     * one purpose can never match a digest stored for the other (checklist A4).
     */
    public enum Purpose {
        /** The link in an invitation email (and its reminder). */
        INVITATION("portal-invite/invitation/v1|"),
        /** The link in a password-reset email. */
        PASSWORD_RESET("portal-invite/password-reset/v1|");

        private final String prefix;

        Purpose(String prefix) {
            this.prefix = prefix;
        }

        String prefix() {
            return prefix;
        }
    }

    private final Purpose purpose;
    private final String value;

    private LinkToken(Purpose purpose, String value) {
        this.purpose = purpose;
        this.value = value;
    }

    /**
     * Accepts a token as it arrived from a link.
     *
     * @param purpose the kind of link it came from
     * @param raw the token text
     * @return the token
     * @throws InvalidLinkException when it is not a well-formed token (the generic link failure)
     */
    public static LinkToken parse(Purpose purpose, CharSequence raw) {
        Objects.requireNonNull(purpose, "purpose");
        if (raw == null || raw.length() != LENGTH || !FORMAT.matcher(raw).matches()) {
            throw new InvalidLinkException();
        }
        return new LinkToken(purpose, raw.toString());
    }

    static LinkToken ofTrusted(Purpose purpose, String value) {
        return new LinkToken(purpose, value);
    }

    /**
     * Returns what the link is for.
     *
     * @return the purpose
     */
    public Purpose purpose() {
        return purpose;
    }

    /**
     * Returns the secret, for building the link. Do not log it.
     *
     * @return the encoded token
     */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "LinkToken[" + purpose + ", ***]";
    }

    /**
     * The invitation link cannot be used. Every failure of the token itself — malformed, unknown,
     * expired, revoked, superseded by a resend, already used — gives this one exception with one
     * message, so that the answer tells an attacker nothing about which tokens exist.
     */
    public static final class InvalidLinkException extends PortalInviteException {

        @Serial
        private static final long serialVersionUID = 1L;

        /** The one message shown for every unusable link. */
        public static final String MESSAGE =
                "This invitation link is invalid or has expired. Please ask your practice to send a new one.";

        /** Creates the exception with the generic message. */
        public InvalidLinkException() {
            super(MESSAGE);
        }
    }
}
