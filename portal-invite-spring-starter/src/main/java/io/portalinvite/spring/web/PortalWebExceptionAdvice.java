package io.portalinvite.spring.web;

import io.portalinvite.common.ValidationException;
import io.portalinvite.password.PasswordHasher.HashingCapacityExceededException;
import io.portalinvite.settings.SettingsService.PortalDisabledException;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
 * endpoints get an {@link InvitationApiController.Error}; pages get a small HTML page.
 */
@ControllerAdvice(basePackageClasses = PortalWebExceptionAdvice.class)
public class PortalWebExceptionAdvice {

    /** Error code of a practice whose portal is off. */
    public static final String PORTAL_DISABLED = "portal_disabled";

    private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);

    /** Creates the advice; instantiated by Spring. */
    public PortalWebExceptionAdvice() {}

    /**
     * A practice that has not enabled (or has turned off) its Patient Portal.
     *
     * @param e the exception
     * @param handler the controller method that threw it
     * @return 403
     */
    @ExceptionHandler(PortalDisabledException.class)
    public ResponseEntity<?> portalDisabled(PortalDisabledException e, HandlerMethod handler) {
        String message = "This practice's Patient Portal is not available. Please contact the practice.";
        return answer(
                handler, HttpStatus.FORBIDDEN, PORTAL_DISABLED, "Patient Portal not available", message, List.of());
    }

    /**
     * Refused input.
     *
     * @param e the exception, listing every refused field
     * @param handler the controller method that threw it
     * @return 422
     */
    @ExceptionHandler(ValidationException.class)
    public ResponseEntity<?> invalid(ValidationException e, HandlerMethod handler) {
        List<InvitationApiController.Violation> violations = e.violations().stream()
                .map(v -> new InvitationApiController.Violation(v.field(), v.rule(), v.message()))
                .toList();
        String text = String.join(" ", violations.stream().map(v -> v.message()).toList());
        return answer(
                handler,
                HttpStatusCode.valueOf(422),
                "validation_failed",
                "Some fields need attention",
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
    public ResponseEntity<?> busy(HashingCapacityExceededException e, HandlerMethod handler) {
        return answer(
                handler,
                HttpStatus.SERVICE_UNAVAILABLE,
                "busy",
                "Please try again",
                PortalPagesController.BUSY,
                List.of());
    }

    private static ResponseEntity<?> answer(
            HandlerMethod handler,
            HttpStatusCode status,
            String code,
            String title,
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
        return builder.contentType(HTML).body(InvitationPages.message(title, message, null, null));
    }

    private static boolean json(HandlerMethod handler) {
        return handler.getBeanType().isAnnotationPresent(RestController.class);
    }
}
