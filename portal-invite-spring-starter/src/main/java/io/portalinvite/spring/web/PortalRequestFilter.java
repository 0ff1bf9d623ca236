package io.portalinvite.spring.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, ahead of any parameter parsing, a request under the portal's paths whose path or query
 * string does not decode as UTF-8 or decodes to control characters (CR, LF, NUL, C1, U+2028/2029),
 * and one whose form parameters the servlet container cannot decode: the answer is a plain 400
 * page, and the log gets one line with the request escaped.
 *
 * <p>Without it, a link such as {@code ?token=%0D%0A<forged log line>%FF} reaches the container's
 * parameter parser, which fails and logs the undecoded value with its raw line breaks (a forged log
 * line) and a stack trace, for every such request and without signing in. Only the portal's paths
 * are checked; the rest of the host's site is left as it is.
 */
public final class PortalRequestFilter extends OncePerRequestFilter implements Ordered {

    /** Runs right after {@link PortalResponseHeadersFilter}, so that its 400 carries the headers. */
    public static final int ORDER = PortalResponseHeadersFilter.ORDER + 1;

    /** Longest part of a refused request copied into the log line. */
    static final int MAX_LOGGED = 200;

    private static final Logger log = LoggerFactory.getLogger(PortalRequestFilter.class);

    private final PortalPaths paths;

    /**
     * Creates the filter.
     *
     * @param paths the path prefixes it applies to (each path itself and everything below it)
     */
    public PortalRequestFilter(List<String> paths) {
        this.paths = new PortalPaths(Objects.requireNonNull(paths, "paths"));
    }

    /**
     * Returns {@link #ORDER}.
     *
     * @return the order
     */
    @Override
    public int getOrder() {
        return ORDER;
    }

    /**
     * Skips requests outside the portal's paths.
     *
     * @param request the request
     * @return true when the path is not under one of the portal's paths
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !paths.matches(request);
    }

    /**
     * Checks the request; continues the chain only when it is clean.
     *
     * @param request the request
     * @param response the response
     * @param chain the rest of the chain
     * @throws ServletException from the chain
     * @throws IOException from the chain
     */
    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String problem = problem(request);
        if (problem != null) {
            log.info(
                    "portal-invite refused {} {}?{}: {}",
                    escape(request.getMethod()),
                    escape(request.getRequestURI()),
                    escape(String.valueOf(request.getQueryString())),
                    problem);
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType(MediaType.TEXT_HTML_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter()
                    .write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                            + "<title>This address is not valid</title>\n</head>\n<body>\n<main>\n"
                            + "<h1>This address is not valid</h1>\n<p>The link or form could not be read. Open the "
                            + "link from your email again, or type the portal's address yourself.</p>\n"
                            + "</main>\n</body>\n</html>\n");
            return;
        }
        chain.doFilter(request, response);
    }

    private static @Nullable String problem(HttpServletRequest request) {
        String path = request.getRequestURI();
        if (!clean(path)) {
            return "the path is not UTF-8 or holds control characters";
        }
        String query = request.getQueryString();
        if (query != null && !clean(query.replace('+', ' '))) {
            return "the query string is not UTF-8 or holds control characters";
        }
        try {
            // the container parses (and, on failure, would log) the parameters here rather than deep
            // in some later filter; a form body it cannot decode is refused like a bad query
            request.getParameterMap();
        } catch (IllegalStateException | IllegalArgumentException e) {
            return "the form parameters could not be decoded";
        }
        return null;
    }

    /** Percent-decodes strictly as UTF-8; false on a broken escape, bad UTF-8 or a control character. */
    static boolean clean(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return false;
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return false;
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c > 0x7E || c < 0x20) {
                return false;
            } else {
                bytes.write(c);
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return false;
        }
        return text.codePoints()
                .noneMatch(
                        cp -> Character.getType(cp) == Character.CONTROL && cp != '\t' || cp == 0x2028 || cp == 0x2029);
    }

    /**
     * Makes client text safe for one log line: printable ASCII stays, everything else becomes
     * {@code \\uXXXX} (a backslash too, so the escaping cannot be faked), cut to
     * {@value #MAX_LOGGED} characters.
     *
     * @param text the text
     * @return the escaped text
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LOGGED) + 16);
        for (int i = 0; i < text.length() && out.length() < MAX_LOGGED; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c <= 0x7E && c != '\\') {
                out.append(c);
            } else {
                out.append(String.format("\\u%04X", (int) c));
            }
        }
        if (out.length() >= MAX_LOGGED) {
            out.setLength(MAX_LOGGED);
            out.append("...");
        }
        return out.toString();
    }
}
