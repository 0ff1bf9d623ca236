package io.portalinvite.settings;

import io.portalinvite.common.ValidationException;
import io.portalinvite.common.Violations;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Where a practice's emailed links point and how long they work. Part of {@link PortalSettings}.
 * Both pages come from configuration, never from a request's Host header (checklist A11).
 *
 * @param invitationLinkBase the https URL of the invitation page; the token is appended as a query
 *     parameter
 * @param invitationLifetime how long an invitation link stays valid
 * @param passwordResetLinkBase the https URL of the password-reset page; null = {@code password-reset}
 *     next to the invitation page (see {@link #resetLinkBase()})
 * @param reminderBefore how long before expiry one reminder email goes to invitees who have not
 *     registered; {@link Duration#ZERO} = no reminder
 */
public record LinkRules(
        URI invitationLinkBase,
        Duration invitationLifetime,
        @Nullable URI passwordResetLinkBase,
        Duration reminderBefore) {

    /** Shortest link lifetime accepted. */
    public static final Duration MIN_LIFETIME = Duration.ofMinutes(15);
    /** Longest link lifetime accepted: the ceiling NIST SP 800-63A allows an enrolment code. */
    public static final Duration MAX_LIFETIME = Duration.ofDays(7);

    /**
     * Validates every field and reports all problems together, each under its setting's name
     * ({@code settings.invitationLinkBase}, {@code settings.invitationLifetime},
     * {@code settings.passwordResetLinkBase}, {@code settings.reminderBefore}).
     */
    public LinkRules {
        Violations v = new Violations();
        if (invitationLinkBase == null) {
            v.add("settings.invitationLinkBase", "required", "is required");
        } else {
            URI base = invitationLinkBase;
            v.capture(() -> checkLinkBase(base, "settings.invitationLinkBase"));
        }
        if (invitationLifetime == null
                || invitationLifetime.compareTo(MIN_LIFETIME) < 0
                || invitationLifetime.compareTo(MAX_LIFETIME) > 0) {
            v.add("settings.invitationLifetime", "range", "must be between 15 minutes and 7 days");
        }
        if (passwordResetLinkBase != null) {
            URI resetBase = passwordResetLinkBase;
            v.capture(() -> checkLinkBase(resetBase, "settings.passwordResetLinkBase"));
        }
        if (reminderBefore == null
                || reminderBefore.isNegative()
                || (!reminderBefore.isZero()
                        && invitationLifetime != null
                        && reminderBefore.compareTo(invitationLifetime) >= 0)) {
            v.add("settings.reminderBefore", "range", "must be zero (off) or shorter than the link lifetime");
        }
        v.throwIfAny();
    }

    /**
     * Returns the page the password-reset link points to: {@link #passwordResetLinkBase()} when set,
     * otherwise {@code password-reset} resolved against the invitation page, so that
     * {@code https://portal.example/invitation} gives {@code https://portal.example/password-reset}.
     *
     * @return the reset page URL
     */
    public URI resetLinkBase() {
        return passwordResetLinkBase != null ? passwordResetLinkBase : invitationLinkBase.resolve("password-reset");
    }

    private static URI checkLinkBase(URI uri, String field) {
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (scheme == null
                || host == null
                || !uri.isAbsolute()
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            throw new ValidationException(
                    field, "url.syntax", "must be an absolute URL without query, fragment or credentials");
        }
        boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
            throw new ValidationException(field, "url.https", "must use https (http only for localhost)");
        }
        return uri;
    }
}
