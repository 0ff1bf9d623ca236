package io.portalinvite.spring.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.SessionFlashMapManager;

/**
 * Answers a portal form posted without a valid CSRF token — the session timed out, or cookies were
 * cleared, while the page was open — by sending the browser back to the same step with
 * {@code ?timeout} (the page then says "your page timed out, please enter your password again"),
 * the link's token kept in the address and the email and date of birth kept for one request in the
 * session's flash attributes. Nothing was done with the post, so the link is not used up. A sign-out
 * posted after the session ended goes to the signed-out page. JSON clients get 403 with a JSON body;
 * anything else that is refused gets a plain 403.
 */
final class TimedOutFormHandler implements AccessDeniedHandler {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_\\-.~]{1,512}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final String loginUrl;
    private final String logoutUrl;
    private final SiteRelativeRedirects redirects;

    TimedOutFormHandler(String loginUrl, String logoutUrl, SiteRelativeRedirects redirects) {
        this.loginUrl = loginUrl;
        this.logoutUrl = logoutUrl;
        this.redirects = redirects;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        boolean json = wantsJson(request);
        if (!(denied instanceof CsrfException) || !HttpMethod.POST.matches(request.getMethod()) || json) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            if (json) {
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                response.setCharacterEncoding("UTF-8");
                String code = denied instanceof CsrfException ? "csrf_token_invalid" : "forbidden";
                response.getWriter()
                        .write("{\"error\":\"" + code + "\",\"message\":\"Fetch a new CSRF token and send the "
                                + "request again.\",\"violations\":[]}");
            }
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        int semicolon = path.indexOf(';');
        if (semicolon >= 0) {
            path = path.substring(0, semicolon);
        }
        if (path.equals(logoutUrl)) {
            redirects.sendRedirect(request, response, loginUrl + "?logout");
            return;
        }
        StringBuilder target = new StringBuilder(path).append("?timeout");
        String token = request.getParameter("token");
        if (token != null && TOKEN.matcher(token).matches()) {
            target.append("&token=").append(URLEncoder.encode(token, StandardCharsets.UTF_8));
        }
        FlashMap kept = new FlashMap();
        String email = request.getParameter("email");
        if (email != null && email.length() <= 320) {
            kept.put("email", email.strip());
        }
        String dateOfBirth = request.getParameter("dateOfBirth");
        if (dateOfBirth != null && DATE.matcher(dateOfBirth.strip()).matches()) {
            kept.put("dateOfBirth", dateOfBirth.strip());
        }
        if (!kept.isEmpty()) {
            kept.setTargetRequestPath(request.getContextPath() + path);
            new SessionFlashMapManager().saveOutputFlashMap(kept, request, response);
        }
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        redirects.sendRedirect(request, response, target.toString());
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
    }

    static boolean wantsJson(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        String type = request.getContentType();
        return (accept != null && accept.contains(MediaType.APPLICATION_JSON_VALUE))
                || (type != null && type.startsWith(MediaType.APPLICATION_JSON_VALUE));
    }
}
