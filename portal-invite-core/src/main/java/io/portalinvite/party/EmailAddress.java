package io.portalinvite.party;

import io.portalinvite.common.TextRules;
import io.portalinvite.common.ValidationException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A validated email address: a bare {@code local@domain}, ASCII only, at most 254 characters.
 *
 * <p>Parsing is strict on purpose (OWASP input validation, checklist B3–B5): Jakarta Mail's strict
 * {@link InternetAddress} parser, no display name, no comments or quoted local parts, no control
 * characters (header injection), a local part of at most 64 characters and a domain of
 * dot-separated letter/digit/hyphen labels. Non-ASCII addresses are refused because Unicode
 * look-alikes ("mіke@" with a Cyrillic і, a dotless ı) have delivered account links to attackers
 * in other products; internationalised domains are accepted in their {@code xn--} form.
 *
 * <p>{@link #value()} keeps the local part exactly as entered and lower-cases only the domain; it is
 * the address messages are sent to. {@link #lookupKey()} lower-cases the whole address with
 * {@link Locale#ROOT} and is used only to find accounts and invitations, never as a recipient.
 *
 * @param value the address to send to
 */
public record EmailAddress(String value) implements Serializable {

    /** Longest address accepted (RFC 5321 path limit less the angle brackets). */
    public static final int MAX_LENGTH = 254;

    /** Longest local part accepted (RFC 5321). */
    public static final int MAX_LOCAL_LENGTH = 64;

    /** Validates and normalises the address, reporting against field {@code email}. */
    public EmailAddress {
        value = normalise("email", value);
    }

    /**
     * Parses an address, reporting errors against the given field.
     *
     * @param field the field's dotted path
     * @param raw the raw address
     * @return the address
     * @throws ValidationException naming the field and the broken rule
     */
    public static EmailAddress parse(String field, @Nullable String raw) {
        return new EmailAddress(normalise(field, raw));
    }

    /**
     * Creates an address.
     *
     * @param value the address
     * @return the address
     */
    public static EmailAddress of(String value) {
        return new EmailAddress(value);
    }

    /**
     * Returns the case-insensitive key used to look up accounts and invitations.
     *
     * @return the address lower-cased with {@link Locale#ROOT}
     */
    public String lookupKey() {
        return value.toLowerCase(Locale.ROOT);
    }

    /**
     * Returns the part before the {@code @}.
     *
     * @return the local part
     */
    public String localPart() {
        return value.substring(0, value.lastIndexOf('@'));
    }

    /**
     * Returns the part after the {@code @}.
     *
     * @return the domain, lower case
     */
    public String domain() {
        return value.substring(value.lastIndexOf('@') + 1);
    }

    /**
     * Masks the address for display to someone who has only the link: first character of the local
     * part, then asterisks, then the domain ({@code a***@example.org}).
     *
     * @return the masked address
     */
    public String masked() {
        String local = localPart();
        return local.charAt(0) + "***@" + domain();
    }

    @Override
    public String toString() {
        return value;
    }

    private static String normalise(String field, @Nullable String raw) {
        String value = TextRules.requireText(field, raw);
        TextRules.refuseControlCharacters(field, Objects.requireNonNull(raw));
        if (value.length() > MAX_LENGTH) {
            throw new ValidationException(field, "email.too_long", "must be at most " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0x7e) {
                throw new ValidationException(
                        field,
                        "email.non_ascii",
                        "must use plain ASCII characters (internationalised domains in xn-- form)");
            }
            if (c == ' ' || c == '"' || c == '`' || c == '<' || c == '>' || c == '(' || c == ')' || c == ',' || c == ';'
                    || c == ':' || c == '\\' || c == '[' || c == ']') {
                throw new ValidationException(field, "email.syntax", "is not a valid email address");
            }
        }
        int at = value.lastIndexOf('@');
        if (at <= 0 || at != value.indexOf('@') || at == value.length() - 1) {
            throw new ValidationException(field, "email.syntax", "is not a valid email address");
        }
        String local = value.substring(0, at);
        String domain = value.substring(at + 1).toLowerCase(Locale.ROOT);
        if (local.length() > MAX_LOCAL_LENGTH) {
            throw new ValidationException(
                    field,
                    "email.local_part_too_long",
                    "must have at most " + MAX_LOCAL_LENGTH + " characters before the @");
        }
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            throw new ValidationException(field, "email.syntax", "is not a valid email address");
        }
        if (!isDomain(domain)) {
            throw new ValidationException(field, "email.domain", "does not have a valid domain");
        }
        String normalised = local + "@" + domain;
        try {
            InternetAddress parsed = new InternetAddress(normalised, true);
            parsed.validate();
            if (parsed.getPersonal() != null || !normalised.equals(parsed.getAddress())) {
                throw new ValidationException(field, "email.syntax", "is not a valid email address");
            }
        } catch (AddressException e) {
            throw new ValidationException(field, "email.syntax", "is not a valid email address");
        }
        return normalised;
    }

    private static boolean isDomain(String domain) {
        if (domain.length() > 253) {
            return false;
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                    return false;
                }
            }
        }
        String tld = labels[labels.length - 1];
        return tld.length() >= 2 && (tld.chars().allMatch(Character::isLetter) || tld.startsWith("xn--"));
    }
}
