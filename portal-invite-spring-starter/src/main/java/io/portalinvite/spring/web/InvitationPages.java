package io.portalinvite.spring.web;

import io.portalinvite.common.InviteeKind;
import io.portalinvite.common.ValidationException;
import io.portalinvite.delivery.MessageTemplates;
import io.portalinvite.invitation.InvitationPreview;
import io.portalinvite.token.LinkToken.InvalidLinkException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The starter's pages as small, self-contained HTML documents (the invitation page, the login page,
 * the home page and their messages); every value is escaped.
 */
final class InvitationPages {

    /** The expiry as the practice's emails write it: its locale, its time zone. */
    private static DateTimeFormatter expiry(InvitationPreview preview) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                .withLocale(preview.locale())
                .withZone(preview.timeZone());
    }

    private InvitationPages() {}

    /** The form: preview, password fields, date of birth when required, errors next to fields. */
    static String form(
            InvitationPreview preview,
            String token,
            String action,
            Csrf.@Nullable Field csrf,
            Map<String, List<String>> errors,
            List<String> generalErrors,
            @Nullable String guidance) {
        StringBuilder b = new StringBuilder(2048);
        start(b, "Set up your Patient Portal account");
        b.append("<h1>Set up your Patient Portal account</h1>\n<p>Hello ")
                .append(e(preview.inviteeFirstName()))
                .append(", ")
                .append(e(preview.practiceName()))
                .append(" has invited you to its Patient Portal");
        if (preview.inviteeKind() == InviteeKind.CARER && preview.patientFirstName() != null) {
            b.append(" to help look after ")
                    .append(e(preview.patientFirstName()))
                    .append("'s care");
        }
        b.append(".</p>\n<p>You will log in with <strong>")
                .append(e(preview.maskedEmail()))
                .append("</strong>. This link works until <time datetime=\"")
                .append(e(preview.expiresAt().toString()))
                .append("\">")
                .append(e(expiry(preview).format(preview.expiresAt())))
                .append("</time>.</p>\n");
        for (String error : generalErrors) {
            b.append("<p class=\"error\" role=\"alert\">").append(e(error)).append("</p>\n");
        }
        b.append("<form method=\"post\" action=\"").append(e(action)).append("\" autocomplete=\"off\">\n");
        hidden(b, "token", token);
        if (csrf != null) {
            hidden(b, csrf.name(), csrf.value());
        }
        field(b, "password", "Choose a password", "password", "new-password", errors);
        if (guidance != null) {
            b.append("<p class=\"hint\">").append(e(guidance)).append("</p>\n");
        }
        field(b, "passwordConfirmation", "Type the password again", "password", "new-password", errors);
        if (preview.dateOfBirthRequired()) {
            String whose = preview.inviteeKind() == InviteeKind.CARER && preview.patientFirstName() != null
                    ? e(preview.patientFirstName()) + "'s date of birth"
                    : "Your date of birth";
            field(b, "dateOfBirth", whose, "date", "off", errors);
        }
        b.append("<button type=\"submit\">Create my account</button>\n</form>\n");
        return end(b);
    }

    /** The one page for every unusable link. */
    static String invalidLink() {
        return message("Invitation link not valid", InvalidLinkException.MESSAGE, null, null);
    }

    /** After registration: the account is ready; a link to log in (no automatic login). */
    static String registered(String maskedEmail, String loginUrl) {
        return message(
                "Your account is ready",
                "Your Patient Portal account is ready. Log in with " + maskedEmail + " and the password you chose.",
                loginUrl,
                "Go to the login page");
    }

    /**
     * The login form: email and password, posted to the login page's own path.
     *
     * @param action the form's target, with the context path
     * @param csrf the CSRF field, when Spring Security provides one
     * @param notice a message above the form: the generic failure, busy, or logged out; or null
     * @param email the address to fill in, or empty
     * @return the page
     */
    static String login(String action, Csrf.@Nullable Field csrf, @Nullable String notice, String email) {
        StringBuilder b = new StringBuilder(1024);
        start(b, "Log in to the Patient Portal");
        b.append("<h1>Log in to the Patient Portal</h1>\n");
        if (notice != null) {
            b.append("<p class=\"notice\" role=\"alert\">").append(e(notice)).append("</p>\n");
        }
        b.append("<form method=\"post\" action=\"").append(e(action)).append("\">\n");
        if (csrf != null) {
            hidden(b, csrf.name(), csrf.value());
        }
        b.append("<p><label for=\"email\">Email</label><br>\n<input id=\"email\" name=\"email\" type=\"email\" ")
                .append("autocomplete=\"username\" required value=\"")
                .append(e(email))
                .append("\"></p>\n")
                .append("<p><label for=\"password\">Password</label><br>\n<input id=\"password\" name=\"password\" ")
                .append("type=\"password\" autocomplete=\"current-password\" required></p>\n")
                .append("<button type=\"submit\">Log in</button>\n</form>\n");
        return end(b);
    }

    /**
     * The home page after login: who is signed in, how many patients they may act for, and logout.
     *
     * @param maskedEmail the signed-in address, masked
     * @param patients how many patients the account may act for
     * @param logoutAction the logout form's target, with the context path
     * @param csrf the CSRF field, when Spring Security provides one
     * @return the page
     */
    static String home(String maskedEmail, int patients, String logoutAction, Csrf.@Nullable Field csrf) {
        StringBuilder b = new StringBuilder(1024);
        start(b, "Patient Portal");
        b.append("<h1>Patient Portal</h1>\n<p>You are signed in as <strong id=\"portal-user\">")
                .append(e(maskedEmail))
                .append("</strong>. You may act for ")
                .append(patients)
                .append(patients == 1 ? " patient" : " patients")
                .append(".</p>\n<form method=\"post\" action=\"")
                .append(e(logoutAction))
                .append("\">\n");
        if (csrf != null) {
            hidden(b, csrf.name(), csrf.value());
        }
        b.append("<button type=\"submit\">Log out</button>\n</form>\n");
        return end(b);
    }

    /** A page with a title, one paragraph and an optional link. */
    static String message(String title, String text, @Nullable String link, @Nullable String linkText) {
        StringBuilder b = new StringBuilder(512);
        start(b, title);
        b.append("<h1>").append(e(title)).append("</h1>\n<p>").append(e(text)).append("</p>\n");
        if (link != null) {
            b.append("<p><a href=\"")
                    .append(e(link))
                    .append("\">")
                    .append(e(linkText == null ? link : linkText))
                    .append("</a></p>\n");
        }
        return end(b);
    }

    private static void field(
            StringBuilder b,
            String name,
            String label,
            String type,
            String autocomplete,
            Map<String, List<String>> errors) {
        List<String> messages = errors.getOrDefault(name, List.of());
        b.append("<p><label for=\"")
                .append(name)
                .append("\">")
                .append(label)
                .append("</label><br>\n")
                .append("<input id=\"")
                .append(name)
                .append("\" name=\"")
                .append(name)
                .append("\" type=\"")
                .append(type)
                .append("\" autocomplete=\"")
                .append(autocomplete)
                .append('"');
        if (!"date".equals(type)) {
            b.append(" required");
        }
        if (!messages.isEmpty()) {
            b.append(" aria-invalid=\"true\" aria-describedby=\"").append(name).append("-error\"");
        }
        b.append(">\n");
        if (!messages.isEmpty()) {
            b.append("<span id=\"").append(name).append("-error\" class=\"error\">");
            for (int i = 0; i < messages.size(); i++) {
                if (i > 0) {
                    b.append(' ');
                }
                b.append(e(messages.get(i)));
            }
            b.append("</span>\n");
        }
        b.append("</p>\n");
    }

    private static void hidden(StringBuilder b, String name, String value) {
        b.append("<input type=\"hidden\" name=\"")
                .append(e(name))
                .append("\" value=\"")
                .append(e(value))
                .append("\">\n");
    }

    private static void start(StringBuilder b, String title) {
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append(
                        "<meta name=\"referrer\" content=\"no-referrer\">\n<meta name=\"robots\" content=\"noindex\">\n")
                .append("<title>")
                .append(e(title))
                .append("</title>\n</head>\n<body>\n<main>\n");
    }

    private static String end(StringBuilder b) {
        return b.append("</main>\n</body>\n</html>\n").toString();
    }

    /** Escapes text for HTML element content and quoted attributes, as the email templates do. */
    static String e(@Nullable String text) {
        return text == null ? "" : MessageTemplates.escapeHtml(text);
    }

    /**
     * Reads the date of birth a form or JSON body sent, in ISO form.
     *
     * @param value the raw value, may be blank
     * @return the date, or null when none was sent
     * @throws ValidationException naming {@code dateOfBirth} when it is not a date
     */
    static @Nullable LocalDate dateOfBirth(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new ValidationException("dateOfBirth", "date.syntax", "Enter a date such as 1990-05-17.");
        }
    }
}
