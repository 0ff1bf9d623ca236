package io.portalinvite.token;

import java.util.regex.Pattern;

/**
 * The raw secret carried in an invitation link: 256 bits, base64url without padding (43 characters).
 *
 * <p>It exists only in memory while a message is composed or a link is checked. It is never stored,
 * never logged and never put in an exception message: {@link #toString()} is masked.
 */
public final class InvitationToken {

    /** Length of the encoded token. */
    public static final int LENGTH = 43;

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final String value;

    private InvitationToken(String value) {
        this.value = value;
    }

    /**
     * Accepts a token as it arrived from a link.
     *
     * @param raw the token text
     * @return the token
     * @throws InvalidLinkException when it is not a well-formed token (the generic link failure)
     */
    public static InvitationToken parse(CharSequence raw) {
        if (raw == null || raw.length() != LENGTH || !FORMAT.matcher(raw).matches()) {
            throw new InvalidLinkException();
        }
        return new InvitationToken(raw.toString());
    }

    static InvitationToken ofTrusted(String value) {
        return new InvitationToken(value);
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
        return "InvitationToken[***]";
    }
}
