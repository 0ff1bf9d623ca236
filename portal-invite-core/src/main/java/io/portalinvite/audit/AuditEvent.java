package io.portalinvite.audit;

import io.portalinvite.common.AccountId;
import io.portalinvite.common.Actor;
import io.portalinvite.common.Channel;
import io.portalinvite.common.InvitationId;
import io.portalinvite.common.PatientId;
import io.portalinvite.common.PracticeId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the append-only audit trail. Entries never hold a token, a password, a hash or free
 * text about health; details are short machine values (a reason code, an attempt number).
 *
 * @param id the entry's id
 * @param occurredAt when, in UTC
 * @param practiceId the practice, or null for events outside one (a login)
 * @param action what happened
 * @param actor who did it: {@code staff:<id>}, {@code invitee}, {@code account:<id>} or {@code system}
 * @param outcome success or failure
 * @param patientId the patient concerned, or null
 * @param invitationId the invitation concerned, or null
 * @param accountId the account concerned, or null
 * @param channel the delivery channel, or null
 * @param details further machine-readable facts
 */
public record AuditEvent(
        UUID id,
        Instant occurredAt,
        @Nullable PracticeId practiceId,
        AuditAction action,
        String actor,
        AuditOutcome outcome,
        @Nullable PatientId patientId,
        @Nullable InvitationId invitationId,
        @Nullable AccountId accountId,
        @Nullable Channel channel,
        Map<String, String> details) {

    /** Checks presence and copies the details. */
    public AuditEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(outcome, "outcome");
        details = Map.copyOf(details);
    }

    /**
     * Starts an event.
     *
     * @param action what happened
     * @param actor who did it
     * @param occurredAt when
     * @return a builder
     */
    public static Builder of(AuditAction action, Actor actor, Instant occurredAt) {
        return new Builder(action, actor.value(), occurredAt);
    }

    /** Builds an {@link AuditEvent}; only action, actor and time are required. */
    public static final class Builder {
        private final AuditAction action;
        private final String actor;
        private final Instant occurredAt;
        private AuditOutcome outcome = AuditOutcome.SUCCESS;
        private @Nullable PracticeId practiceId;
        private @Nullable PatientId patientId;
        private @Nullable InvitationId invitationId;
        private @Nullable AccountId accountId;
        private @Nullable Channel channel;
        private final Map<String, String> details = new java.util.LinkedHashMap<>();

        private Builder(AuditAction action, String actor, Instant occurredAt) {
            this.action = action;
            this.actor = actor;
            this.occurredAt = occurredAt;
        }

        /**
         * Sets the outcome.
         *
         * @param value the outcome
         * @return this
         */
        public Builder outcome(AuditOutcome value) {
            this.outcome = value;
            return this;
        }

        /**
         * Sets the practice.
         *
         * @param value the practice
         * @return this
         */
        public Builder practice(@Nullable PracticeId value) {
            this.practiceId = value;
            return this;
        }

        /**
         * Sets the patient.
         *
         * @param value the patient
         * @return this
         */
        public Builder patient(@Nullable PatientId value) {
            this.patientId = value;
            return this;
        }

        /**
         * Sets the invitation.
         *
         * @param value the invitation
         * @return this
         */
        public Builder invitation(@Nullable InvitationId value) {
            this.invitationId = value;
            return this;
        }

        /**
         * Sets the account.
         *
         * @param value the account
         * @return this
         */
        public Builder account(@Nullable AccountId value) {
            this.accountId = value;
            return this;
        }

        /**
         * Sets the channel.
         *
         * @param value the channel
         * @return this
         */
        public Builder channel(@Nullable Channel value) {
            this.channel = value;
            return this;
        }

        /**
         * Adds a detail.
         *
         * @param key the detail's name
         * @param value its value
         * @return this
         */
        public Builder detail(String key, Object value) {
            details.put(key, String.valueOf(value));
            return this;
        }

        /**
         * Builds the event with a random id.
         *
         * @return the event
         */
        public AuditEvent build() {
            return new AuditEvent(
                    UUID.randomUUID(),
                    occurredAt,
                    practiceId,
                    action,
                    actor,
                    outcome,
                    patientId,
                    invitationId,
                    accountId,
                    channel,
                    details);
        }
    }

    /** Whether the audited action succeeded. */
    public enum AuditOutcome {
        /** It succeeded. */
        SUCCESS,
        /** It failed or was refused. */
        FAILURE
    }
}
