package io.portalinvite.spring.web;

import io.portalinvite.common.ValidationException;
import io.portalinvite.password.PasswordHasher.HashingCapacityExceededException;
import io.portalinvite.settings.PracticeIdentity;
import io.portalinvite.settings.SettingsService.PortalDisabledException;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;

/**
 * Answers the library's exceptions that escape the starter's controllers (those in this package)
 * with the HTTP status they mean instead of a 500: a practice whose portal is off is 403, refused
 * input 422 with every field, too many password hashes at once 503 with {@code Retry-After}. JSON
 * endpoints get an {@link InvitationApiController.Error}; pages get the {@code error} template in
 * the patient's language (plain text when there is no template engine).
 */
@ControllerAdvice(basePackageClasses = PortalWebExceptionAdvice.class)
public class PortalWebExceptionAdvice {

    /** Error code of a practice whose portal is off. */
    public static final String PORTAL_DISABLED = "portal_disabled";

    private static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

    private final @Nullable PortalPageRenderer pages;
    private final @Nullable Supplier<PracticeIdentity> practice;

    /** Creates the advice without pages: page requests get a plain-text answer. */
    public PortalWebExceptionAdvice() {
        this.pages = null;
        this.practice = null;
    }

    /**
     * Creates the advice answering page requests with the {@code error} template.
     *
     * @param pages renders the template
     * @param practice the practice whose language and name the page uses by default
     */
    public PortalWebExceptionAdvice(PortalPageRenderer pages, Supplier<PracticeIdentity> practice) {
        this.pages = pages;
        this.practice = practice;
    }

    /**
     * A practice that has not enabled (or has turned off) its Patient Portal.
     *
     * @param e the exception
     * @param handler the controller method that threw it
     * @return 403
     */
    @ExceptionHandler(PortalDisabledException.class)
    public ResponseEntity<?> portalDisabled(
            PortalDisabledException e, HandlerMethod handler, HttpServletRequest request) {
        String message = "This practice's Patient Portal is not available. Please contact the practice.";
        return answer(request, handler, HttpStatus.FORBIDDEN, PORTAL_DISABLED, "disabled", message, List.of());
    }

    /**
     * Refused input.
     *
     * @param e the exception, listing every refused field
     * @param handler the controller method that threw it
     * @return 422
     */
    @ExceptionHandler(ValidationException.class)
    public ResponseEntity<?> invalid(ValidationException e, HandlerMethod handler, HttpServletRequest request) {
        List<InvitationApiController.Violation> violations = e.violations().stream()
                .map(v -> new InvitationApiController.Violation(v.field(), v.rule(), v.message()))
                .toList();
        String text = String.join(" ", violations.stream().map(v -> v.message()).toList());
        return answer(
                request,
                handler,
                HttpStatusCode.valueOf(422),
                "validation_failed",
                "invalid",
                text.isBlank() ? "Some fields need attention." : text,
                violations);
    }

    /**
     * Too many password hashes running at once.
     *
     * @param e the exception
     * @param handler the controller method that threw it
     * @return 503 with {@code Retry-After}
     */
    @ExceptionHandler(HashingCapacityExceededException.class)
    public ResponseEntity<?> busy(
            HashingCapacityExceededException e, HandlerMethod handler, HttpServletRequest request) {
        return answer(
                request,
                handler,
                HttpStatus.SERVICE_UNAVAILABLE,
                "busy",
                "busy",
                "The portal is busy. Please try again in a few seconds.",
                List.of());
    }

    private ResponseEntity<?> answer(
            HttpServletRequest request,
            HandlerMethod handler,
            HttpStatusCode status,
            String code,
            String kind,
            String message,
            List<InvitationApiController.Violation> violations) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(status);
        if (status.value() == 503) {
            builder.header(HttpHeaders.RETRY_AFTER, "5");
        }
        if (json(handler)) {
            return builder.contentType(MediaType.APPLICATION_JSON)
                    .body(new InvitationApiController.Error(code, message, violations));
        }
        if (pages == null || practice == null) {
            return builder.contentType(TEXT).body(message);
        }
        PracticeIdentity identity = practice.get();
        ResponseEntity<String> page = pages.page(request, identity.locale(), identity.name())
                .with("kind", kind)
                .with("status", status.value())
                .render(status, "error");
        return builder.contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
                .body(page.getBody());
    }

    private static boolean json(HandlerMethod handler) {
        return handler.getBeanType().isAnnotationPresent(RestController.class);
    }
}
