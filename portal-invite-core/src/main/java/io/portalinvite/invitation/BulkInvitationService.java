package io.portalinvite.invitation;

import io.portalinvite.account.AccountStore;
import io.portalinvite.account.PatientAccess;
import io.portalinvite.account.PortalAccount;
import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.audit.AuditStore;
import io.portalinvite.common.Actor;
import io.portalinvite.common.Channel;
import io.portalinvite.common.ConcurrentChangeException;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.StaffId;
import io.portalinvite.common.ValidationException;
import io.portalinvite.event.PortalEvent;
import io.portalinvite.event.PortalEventListener;
import io.portalinvite.internal.bulk.BulkRuns;
import io.portalinvite.internal.bulk.RejectionTally;
import io.portalinvite.invitation.BulkInvitationResult.BulkProgress;
import io.portalinvite.invitation.BulkInvitationResult.BulkRejection;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.settings.SettingsService;
import io.portalinvite.tx.TransactionRunner;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Invites many existing patients at once — "everyone seen in the last two years with an email and
 * no portal access" when a practice switches the portal on — from a stream the host maps from its
 * own query.
 *
 * <p>It streams: rows are read, validated and written in chunks of
 * {@link BulkInvitationOptions#chunkSize()}, each chunk in one transaction, so memory does not grow
 * with the number of patients. Each row is validated before anything is written; a chunk then
 * checks which of its patients are already invited or registered with one query each, and writes
 * its invitations, outbound messages and audit entries as batches. When another node invites one
 * of the chunk's patients at the same moment, the chunk's transaction rolls back whole and its rows
 * are invited one by one through {@link InvitationService#invite}, which handles that race. Delivery
 * is paced by the practice's {@link PortalSettings#messagesPerMinute()}.
 */
public final class BulkInvitationService {

    private static final Logger log = LoggerFactory.getLogger(BulkInvitationService.class);

    private final TransactionRunner tx;
    private final InvitationStore invitations;
    private final AccountStore accounts;
    private final AuditStore audit;
    private final SettingsService settings;
    private final InvitationService single;
    private final InvitationLifecycle lifecycle;
    private final Clock clock;
    private final PortalEventListener events;
    private final PortalEventListener inTransaction;
    private final boolean smsAvailable;

    /**
     * Creates the service. Built by {@link io.portalinvite.PortalInvite}; hosts get it from there.
     *
     * @param tx the transaction boundary every store joins
     * @param invitations the invitation store
     * @param accounts the account store (who is registered already)
     * @param audit the audit store
     * @param settings practices' settings
     * @param single the single-invitation service, for a chunk that met a concurrent invite
     * @param lifecycle performs every state change
     * @param clock the clock
     * @param events told of the run's completion after it commits
     * @param inTransaction told of the run's completion at once, inside the transaction that records it
     * @param smsAvailable whether an SMS sender is configured
     */
    public BulkInvitationService(
            TransactionRunner tx,
            InvitationStore invitations,
            AccountStore accounts,
            AuditStore audit,
            SettingsService settings,
            InvitationService single,
            InvitationLifecycle lifecycle,
            Clock clock,
            PortalEventListener events,
            PortalEventListener inTransaction,
            boolean smsAvailable) {
        this.tx = tx;
        this.invitations = invitations;
        this.accounts = accounts;
        this.audit = audit;
        this.settings = settings;
        this.single = single;
        this.lifecycle = lifecycle;
        this.clock = clock;
        this.events = events;
        this.inTransaction = inTransaction;
        this.smsAvailable = smsAvailable;
    }

    /**
     * Invites every row of a stream at one practice. The caller closes the stream.
     *
     * @param practiceId the practice; rows naming another practice are invalid
     * @param staffId who started the run (recorded as the creator of every invitation)
     * @param rows the patients, e.g. {@code InviteRequest.existingPatient(...)} built per row of the
     *     host's query
     * @param options chunk size, sample size, callbacks
     * @return the summary
     * @throws io.portalinvite.settings.SettingsService.PortalDisabledException when the practice's portal is off (also
     *     when it is turned off during the run; the chunks already written stay)
     */
    public BulkInvitationResult inviteAll(
            PracticeId practiceId, StaffId staffId, Stream<InviteRequest> rows, BulkInvitationOptions options) {
        return inviteAll(practiceId, staffId, rows.iterator(), options);
    }

    /**
     * Invites every row of an iterator at one practice.
     *
     * @param practiceId the practice; rows naming another practice are invalid
     * @param staffId who started the run (recorded as the creator of every invitation)
     * @param rows the patients
     * @param options chunk size, sample size, callbacks
     * @return the summary
     * @throws io.portalinvite.settings.SettingsService.PortalDisabledException when the practice's portal is off
     */
    public BulkInvitationResult inviteAll(
            PracticeId practiceId, StaffId staffId, Iterator<InviteRequest> rows, BulkInvitationOptions options) {
        settings.requireEnabled(practiceId);
        RejectionTally<BulkRejection, BulkRejection.Reason> tally = new RejectionTally<>(
                BulkRejection.Reason.class,
                BulkRejection::reason,
                BulkRejection.Reason::skipped,
                BulkRejection::detail,
                options.sampleLimit(),
                options.onRejected());
        // keys seen in earlier chunks are found by the open-invitation query once committed; the
        // repeated-key set only spans the current chunk, so memory stays bounded
        BulkRuns.inChunks(
                new NumberedRows(rows),
                options.chunkSize(),
                chunk -> runChunk(practiceId, staffId, chunk, tally),
                () -> options.onProgress()
                        .accept(new BulkProgress(
                                tally.processed(),
                                tally.done(),
                                BulkRuns.total(tally.skipped()),
                                BulkRuns.total(tally.invalid()))));
        BulkInvitationResult result = new BulkInvitationResult(
                tally.processed(),
                tally.done(),
                tally.skipped(),
                tally.invalid(),
                tally.sample(),
                tally.sampleComplete());
        Instant now = clock.instant();
        PortalEvent completed = new PortalEvent.BulkInvitationCompleted(
                practiceId, result.invited(), result.skippedTotal(), result.invalidTotal(), now);
        tx.inTransaction(() -> {
            audit.append(AuditEvent.of(AuditAction.BULK_INVITATION_COMPLETED, Actor.staff(staffId), now)
                    .practice(practiceId)
                    .detail("processed", result.processed())
                    .detail("invited", result.invited())
                    .detail("skipped", result.skippedTotal())
                    .detail("invalid", result.invalidTotal())
                    .build());
            inTransaction.onEvent(completed);
            tx.afterCommit(() -> {
                log.info(
                        "bulk invitation at practice {}: {} rows, {} invited, {} skipped, {} invalid",
                        practiceId,
                        result.processed(),
                        result.invited(),
                        result.skippedTotal(),
                        result.invalidTotal());
                events.onEvent(completed);
            });
        });
        return result;
    }

    private void runChunk(
            PracticeId practiceId,
            StaffId staffId,
            List<Row> chunk,
            RejectionTally<BulkRejection, BulkRejection.Reason> tally) {
        PortalSettings practice = settings.requireEnabled(practiceId);
        // validation decisions are final; the chunk's store decisions count only once it commits, and
        // both are reported in input order
        ChunkTally validation = new ChunkTally();
        List<Valid> valid = new ArrayList<>(chunk.size());
        Set<InvitationStore.OpenKey> keys = new HashSet<>();
        for (Row row : chunk) {
            tally.read();
            Valid v = validate(row, practice, validation);
            if (v == null) {
                continue;
            }
            if (!keys.add(v.parsed().key())) {
                validation.reject(row, BulkRejection.Reason.REPEATED_IN_INPUT, "repeated_in_input");
                continue;
            }
            valid.add(v);
        }
        ChunkTally written = new ChunkTally();
        if (!valid.isEmpty()) {
            try {
                tx.inTransaction(() -> writeChunk(practice, valid, written));
            } catch (DuplicateInvitationException e) {
                // another node invited one of these patients between our check and our insert: the
                // chunk rolled back whole, so invite its rows one by one, each handling the race
                written.invited = 0;
                written.rejections.clear();
                log.debug("bulk chunk met a concurrent invitation; inviting its {} rows one by one", valid.size());
                for (Valid v : valid) {
                    InviteResult r = single.invite(v.row().request());
                    switch (r.outcome()) {
                        case INVITED -> written.invited++;
                        case ALREADY_REGISTERED ->
                            written.reject(v.row(), BulkRejection.Reason.ALREADY_REGISTERED, "already_registered");
                        case ALREADY_INVITED, RESENT ->
                            written.reject(v.row(), BulkRejection.Reason.ALREADY_INVITED, "already_invited");
                    }
                }
            }
        }
        tally.done(written.invited);
        List<BulkRejection> all = new ArrayList<>(validation.rejections);
        all.addAll(written.rejections);
        all.sort(java.util.Comparator.comparingLong(BulkRejection::row));
        all.forEach(tally::record);
    }

    /** Validates a row before anything is written; an invalid row is tallied and null returned. */
    private @Nullable Valid validate(Row row, PortalSettings practice, ChunkTally tally) {
        InviteRequest request = row.request();
        if (!practice.practiceId().value().equals(request.practiceId())) {
            tally.reject(row, BulkRejection.Reason.INVALID, "practiceId:bulk.other_practice");
            return null;
        }
        try {
            InviteRequests.Valid parsed = InviteRequests.parse(request, practice, clock);
            Eligibility.checkAgeRules(practice, parsed.patient(), parsed.invitee(), clock.instant());
            Set<Channel> channels = Eligibility.channels(
                    request.smsNotice(), practice, parsed.invitee(), smsAvailable, new ArrayList<>());
            return new Valid(row, parsed, channels);
        } catch (ValidationException e) {
            tally.reject(
                    row,
                    BulkRejection.Reason.INVALID,
                    e.violations().get(0).field() + ":" + e.violations().get(0).rule());
            return null;
        }
    }

    /** Checks the chunk against stored invitations and accounts, then writes it as batches. */
    private void writeChunk(PortalSettings practice, List<Valid> valid, ChunkTally tally) {
        Instant now = clock.instant();
        Map<InvitationStore.OpenKey, Invitation> open = new HashMap<>();
        for (Invitation i : invitations.findOpenAmong(
                valid.stream().map(v -> v.parsed().key()).toList())) {
            open.put(
                    new InvitationStore.OpenKey(
                            i.practiceId(),
                            i.patient().id(),
                            i.invitee().email().lookupKey()),
                    i);
        }
        Map<String, PortalAccount> byEmail = accounts.findByEmails(valid.stream()
                .map(v -> v.parsed().key().inviteeEmailKey())
                .distinct()
                .toList());
        List<InviteRequests.Valid> rows = new ArrayList<>(valid.size());
        List<Set<Channel>> channels = new ArrayList<>(valid.size());
        for (Valid v : valid) {
            InviteRequests.Valid parsed = v.parsed();
            PortalAccount account = byEmail.get(parsed.key().inviteeEmailKey());
            List<PatientAccess> held = account == null ? List.of() : accounts.findAccessByAccount(account.id());
            if (Eligibility.hasAccess(practice, parsed.patient().id(), parsed.invitee(), held, now)) {
                tally.reject(v.row(), BulkRejection.Reason.ALREADY_REGISTERED, "already_registered");
                continue;
            }
            if (Eligibility.sharedEmailRefused(practice, parsed.patient(), parsed.invitee(), held, now)) {
                tally.reject(v.row(), BulkRejection.Reason.INVALID, "patient.email:email.shared");
                continue;
            }
            Invitation existing = open.get(parsed.key());
            if (existing != null) {
                if (existing.isLive(now)) {
                    tally.reject(v.row(), BulkRejection.Reason.ALREADY_INVITED, "already_invited");
                    continue;
                }
                if (!lifecycle.expire(existing, now)) {
                    throw new ConcurrentChangeException("The invitation");
                }
            }
            rows.add(parsed);
            channels.add(v.channels());
        }
        if (!rows.isEmpty()) {
            tally.invited += lifecycle.createAll(rows, channels, practice).size();
        }
    }

    private record Row(long number, InviteRequest request) {}

    /** The input's rows numbered from 1, as their rejections name them. */
    private static final class NumberedRows implements Iterator<Row> {
        private final Iterator<InviteRequest> rows;
        private long number;

        NumberedRows(Iterator<InviteRequest> rows) {
            this.rows = rows;
        }

        @Override
        public boolean hasNext() {
            return rows.hasNext();
        }

        @Override
        public Row next() {
            number++;
            return new Row(number, Objects.requireNonNull(rows.next(), "row " + number));
        }
    }

    private record Valid(Row row, InviteRequests.Valid parsed, Set<Channel> channels) {}

    /** Decisions about one chunk's rows, kept apart until it is done: a rolled-back chunk is decided again. */
    private static final class ChunkTally {
        long invited;
        final List<BulkRejection> rejections = new ArrayList<>();

        void reject(Row row, BulkRejection.Reason reason, String detail) {
            rejections.add(new BulkRejection(row.number(), row.request().patientId(), reason, detail));
        }
    }

    /**
     * How a bulk invitation runs: chunk size, how many rejected rows the result keeps as a sample, and
     * the callbacks for progress and for every rejected row.
     *
     * @param chunkSize rows validated, checked and written per transaction (1 to 5 000; default 500)
     * @param sampleLimit rejected rows kept in {@link BulkInvitationResult#sample()} (0 to 10 000; default
     *     100); the result's counts cover every row whatever this is
     * @param onProgress told after each chunk commits
     * @param onRejected told of every skipped or invalid row, as it is decided; use it to keep the full list
     */
    public record BulkInvitationOptions(
            int chunkSize, int sampleLimit, Consumer<BulkProgress> onProgress, Consumer<BulkRejection> onRejected) {

        /** Chunks of 500, a sample of 100, no callbacks. */
        public static final BulkInvitationOptions DEFAULT = new BulkInvitationOptions(500, 100, p -> {}, r -> {});

        /** Checks ranges. */
        public BulkInvitationOptions {
            Objects.requireNonNull(onProgress, "onProgress");
            Objects.requireNonNull(onRejected, "onRejected");
            BulkRuns.checkOptions("bulk", chunkSize, sampleLimit);
        }

        /**
         * Returns these options with another chunk size.
         *
         * @param value rows per transaction
         * @return the changed options
         */
        public BulkInvitationOptions withChunkSize(int value) {
            return new BulkInvitationOptions(value, sampleLimit, onProgress, onRejected);
        }

        /**
         * Returns these options with another sample limit.
         *
         * @param value rejected rows kept in the result
         * @return the changed options
         */
        public BulkInvitationOptions withSampleLimit(int value) {
            return new BulkInvitationOptions(chunkSize, value, onProgress, onRejected);
        }

        /**
         * Returns these options with a progress callback.
         *
         * @param value told after each chunk commits
         * @return the changed options
         */
        public BulkInvitationOptions withProgress(Consumer<BulkProgress> value) {
            return new BulkInvitationOptions(chunkSize, sampleLimit, value, onRejected);
        }

        /**
         * Returns these options with a callback for every rejected row.
         *
         * @param value told of every skipped or invalid row
         * @return the changed options
         */
        public BulkInvitationOptions withRejected(Consumer<BulkRejection> value) {
            return new BulkInvitationOptions(chunkSize, sampleLimit, onProgress, value);
        }
    }
}
