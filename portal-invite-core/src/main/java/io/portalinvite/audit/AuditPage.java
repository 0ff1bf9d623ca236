package io.portalinvite.audit;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One page of the audit trail.
 *
 * @param events the entries, oldest first
 * @param nextCursor pass to {@link AuditQuery.Builder#after(String)} for the next page; null on the
 *     last page
 */
public record AuditPage(List<AuditEvent> events, @Nullable String nextCursor) {

    /** Copies the entries. */
    public AuditPage {
        events = List.copyOf(Objects.requireNonNull(events, "events"));
    }
}
