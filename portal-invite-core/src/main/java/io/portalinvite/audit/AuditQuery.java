package io.portalinvite.audit;

import io.portalinvite.common.AccountId;
import io.portalinvite.common.PatientId;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.ValidationException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One page of a practice's audit trail — or of one account's, across practices, which is where
 * logins are recorded — optionally narrowed to a patient, to some actions and to a time window;
 * oldest first. Start with {@link #practice(PracticeId)} or {@link #account(AccountId)}; pass the
 * previous page's {@link AuditPage#nextCursor()} to {@link Builder#after(String)} for the next one.
 *
 * @param practiceId the practice, or null for an account's entries at every practice
 * @param accountId the account, or null for every account
 * @param patientId the patient, or null for the whole practice
 * @param actions the actions to include; empty for all
 * @param from the earliest time included, or null
 * @param to the time before which entries are included (exclusive), or null
 * @param pageSize entries per page, 1 to {@value #MAX_PAGE_SIZE}
 * @param after the cursor of the previous page, or null for the first page
 */
public record AuditQuery(
        @Nullable PracticeId practiceId,
        @Nullable AccountId accountId,
        @Nullable PatientId patientId,
        Set<AuditAction> actions,
        @Nullable Instant from,
        @Nullable Instant to,
        int pageSize,
        @Nullable AuditCursor after) {

    /** Largest page served. */
    public static final int MAX_PAGE_SIZE = 500;

    /** Checks and copies. */
    public AuditQuery {
        if (practiceId == null && accountId == null) {
            throw new ValidationException("practiceId", "required", "is required unless an account is given");
        }
        actions = actions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(actions));
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new ValidationException("pageSize", "range", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new ValidationException("to", "range", "must be after from");
        }
    }

    /**
     * Starts a query of a practice's trail.
     *
     * @param practiceId the practice
     * @return a builder
     */
    public static Builder practice(PracticeId practiceId) {
        return new Builder(Objects.requireNonNull(practiceId, "practiceId"), null);
    }

    /**
     * Starts a query of one account's entries at every practice: its logins, lock-outs, grants and
     * consents.
     *
     * @param accountId the account
     * @return a builder
     */
    public static Builder account(AccountId accountId) {
        return new Builder(null, Objects.requireNonNull(accountId, "accountId"));
    }

    /**
     * Tells whether an entry matches the filters (not the cursor or page size).
     *
     * @param e the entry
     * @return true when it belongs to the result
     */
    public boolean matches(AuditEvent e) {
        return (practiceId == null || practiceId.equals(e.practiceId()))
                && (accountId == null || accountId.equals(e.accountId()))
                && (patientId == null || patientId.equals(e.patientId()))
                && (actions.isEmpty() || actions.contains(e.action()))
                && (from == null || !e.occurredAt().isBefore(from))
                && (to == null || e.occurredAt().isBefore(to));
    }

    /** Builds an {@link AuditQuery}. */
    public static final class Builder {
        private final @Nullable PracticeId practiceId;
        private final @Nullable AccountId accountId;
        private @Nullable PatientId patientId;
        private Set<AuditAction> actions = Set.of();
        private @Nullable Instant from;
        private @Nullable Instant to;
        private int pageSize = 100;
        private @Nullable AuditCursor after;

        private Builder(@Nullable PracticeId practiceId, @Nullable AccountId accountId) {
            this.practiceId = practiceId;
            this.accountId = accountId;
        }

        /**
         * Narrows to one patient.
         *
         * @param value the patient
         * @return this
         */
        public Builder patient(PatientId value) {
            this.patientId = value;
            return this;
        }

        /**
         * Narrows to some actions.
         *
         * @param first an action
         * @param more further actions
         * @return this
         */
        public Builder actions(AuditAction first, AuditAction... more) {
            this.actions = EnumSet.of(first, more);
            return this;
        }

        /**
         * Includes entries from this time on.
         *
         * @param value the earliest time
         * @return this
         */
        public Builder from(Instant value) {
            this.from = value;
            return this;
        }

        /**
         * Includes entries before this time.
         *
         * @param value the end of the window, exclusive
         * @return this
         */
        public Builder to(Instant value) {
            this.to = value;
            return this;
        }

        /**
         * Sets the page size (default 100).
         *
         * @param value 1 to {@value AuditQuery#MAX_PAGE_SIZE}
         * @return this
         */
        public Builder pageSize(int value) {
            this.pageSize = value;
            return this;
        }

        /**
         * Continues after a previous page.
         *
         * @param cursor {@link AuditPage#nextCursor()} of the previous page, or null for the first page
         * @return this
         * @throws ValidationException when the cursor is malformed
         */
        public Builder after(@Nullable String cursor) {
            this.after = cursor == null ? null : AuditCursor.parse(cursor);
            return this;
        }

        /**
         * Builds the query.
         *
         * @return the query
         */
        public AuditQuery build() {
            return new AuditQuery(practiceId, accountId, patientId, actions, from, to, pageSize, after);
        }
    }

    /**
     * Where a page of the audit trail ended: the last entry's time and its store sequence number.
     * Paging by position rather than by offset keeps pages stable while new entries are appended.
     *
     * @param occurredAt the last entry's time
     * @param sequence the last entry's sequence number in the store (ties on time are ordered by it)
     */
    public record AuditCursor(Instant occurredAt, long sequence) {

        private static final Pattern FORM = Pattern.compile("(-?\\d{1,19})\\.(\\d{1,19})");

        /** Checks presence. */
        public AuditCursor {
            Objects.requireNonNull(occurredAt, "occurredAt");
        }

        /**
         * Reads a cursor from its text form.
         *
         * @param text the cursor as {@link #toString()} gave it
         * @return the cursor
         * @throws ValidationException when it is not a cursor
         */
        public static AuditCursor parse(String text) {
            Matcher m = text == null ? null : FORM.matcher(text);
            if (m == null || !m.matches()) {
                throw new ValidationException("cursor", "format", "is not a cursor returned by an earlier page");
            }
            try {
                long micros = Long.parseLong(m.group(1));
                return new AuditCursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), Long.parseLong(m.group(2)));
            } catch (NumberFormatException | ArithmeticException | java.time.DateTimeException e) {
                throw new ValidationException("cursor", "format", "is not a cursor returned by an earlier page");
            }
        }

        /** @return the text form, {@code <epoch micros>.<sequence>} */
        @Override
        public String toString() {
            return ChronoUnit.MICROS.between(Instant.EPOCH, occurredAt) + "." + sequence;
        }
    }

    /**
     * One page of the audit trail.
     *
     * @param events the entries, oldest first
     * @param nextCursor pass to {@link AuditQuery.Builder#after(String)} for the next page; null on the
     *     last page
     */
    public record AuditPage(
            List<AuditEvent> events, @Nullable String nextCursor) {

        /** Copies the entries. */
        public AuditPage {
            events = List.copyOf(Objects.requireNonNull(events, "events"));
        }
    }
}
