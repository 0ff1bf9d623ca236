package io.portalinvite.invitation;

import io.portalinvite.PortalStorage;
import io.portalinvite.account.PortalAccount;
import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.common.AccessKind;
import io.portalinvite.common.Channel;
import io.portalinvite.common.InvitationId;
import io.portalinvite.common.InviteeKind;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.StaffId;
import io.portalinvite.common.ValidationException;
import io.portalinvite.common.Violations;
import io.portalinvite.delivery.OutboundMessage;
import io.portalinvite.delivery.OutboxPacing;
import io.portalinvite.event.EventPublisher;
import io.portalinvite.event.PortalEvent;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.settings.SettingsService;
import io.portalinvite.settings.SharedEmailPolicy;
import io.portalinvite.token.InvitationTokens;
import io.portalinvite.token.TokenNonce;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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

    private final PortalStorage storage;
    private final SettingsService settings;
    private final InvitationService invitations;
    private final InvitationTokens tokens;
    private final Clock clock;
    private final EventPublisher events;

    /**
     * Creates the service. Usually built by {@link io.portalinvite.PortalInvite}.
     *
     * @param storage the stores
     * @param settings practices' settings
     * @param invitations the single-invitation service (validation rules, race fallback)
     * @param tokens issues link tokens
     * @param clock the clock
     * @param events the host's listeners
     */
    public BulkInvitationService(
            PortalStorage storage,
            SettingsService settings,
            InvitationService invitations,
            InvitationTokens tokens,
            Clock clock,
            EventPublisher events) {
        this.storage = storage;
        this.settings = settings;
        this.invitations = invitations;
        this.tokens = tokens;
        this.clock = clock;
        this.events = events;
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
     * @throws io.portalinvite.settings.PortalDisabledException when the practice's portal is off (also
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
     * @throws io.portalinvite.settings.PortalDisabledException when the practice's portal is off
     */
    public BulkInvitationResult inviteAll(
            PracticeId practiceId, StaffId staffId, Iterator<InviteRequest> rows, BulkInvitationOptions options) {
        settings.requireEnabled(practiceId);
        Tally tally = new Tally(options);
        // keys seen in earlier chunks are found by the open-invitation query once committed; this set
        // only spans the current chunk, so memory stays bounded
        List<Row> chunk = new ArrayList<>(options.chunkSize());
        long rowNumber = 0;
        while (rows.hasNext()) {
            chunk.add(new Row(++rowNumber, Objects.requireNonNull(rows.next(), "row " + rowNumber)));
            if (chunk.size() == options.chunkSize()) {
                runChunk(practiceId, staffId, chunk, tally);
                chunk.clear();
                options.onProgress().accept(tally.progress());
            }
        }
        if (!chunk.isEmpty()) {
            runChunk(practiceId, staffId, chunk, tally);
            options.onProgress().accept(tally.progress());
        }
        BulkInvitationResult result = tally.result();
        Instant now = clock.instant();
        storage.transactions().inTransaction(() -> {
            storage.audit()
                    .append(AuditEvent.of(AuditAction.BULK_INVITATION_COMPLETED, "staff:" + staffId, now)
                            .practice(practiceId)
                            .detail("processed", result.processed())
                            .detail("invited", result.invited())
                            .detail("skipped", result.skippedTotal())
                            .detail("invalid", result.invalidTotal())
                            .build());
            events.publishAfterCommit(new PortalEvent.BulkInvitationCompleted(
                    practiceId, result.invited(), result.skippedTotal(), result.invalidTotal(), now));
            return null;
        });
        log.info(
                "bulk invitation at practice {}: {} rows, {} invited, {} skipped, {} invalid",
                practiceId,
                result.processed(),
                result.invited(),
                result.skippedTotal(),
                result.invalidTotal());
        return result;
    }

    private void runChunk(PracticeId practiceId, StaffId staffId, List<Row> chunk, Tally tally) {
        PortalSettings practice = settings.requireEnabled(practiceId);
        // validation decisions are final; the chunk's store decisions count only once it commits, and
        // both are reported in input order
        ChunkTally validation = new ChunkTally();
        List<Valid> valid = new ArrayList<>(chunk.size());
        Set<InvitationStore.OpenKey> keys = new HashSet<>();
        for (Row row : chunk) {
            tally.processed++;
            Valid v = validate(row, practice, validation);
            if (v == null) {
                continue;
            }
            if (!keys.add(v.key())) {
                validation.reject(row, BulkRejection.Reason.REPEATED_IN_INPUT, "repeated_in_input");
                continue;
            }
            valid.add(v);
        }
        ChunkTally written = new ChunkTally();
        if (!valid.isEmpty()) {
            try {
                storage.transactions().inTransaction(() -> {
                    writeChunk(practice, staffId, valid, written);
                    return null;
                });
            } catch (DuplicateInvitationException e) {
                // another node invited one of these patients between our check and our insert: the
                // chunk rolled back whole, so invite its rows one by one, each handling the race
                written.invited = 0;
                written.rejections.clear();
                log.debug("bulk chunk met a concurrent invitation; inviting its {} rows one by one", valid.size());
                for (Valid v : valid) {
                    InviteResult r = invitations.invite(v.row().request());
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
        tally.invited += written.invited;
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
            Violations v = new Violations();
            StaffId staff = v.capture(() -> StaffId.parse("staffId", request.staffId()));
            InvitationService.Parsed parsed = invitations.parse(request, practice, v);
            v.throwIfAny();
            invitations.checkAgeRules(practice, parsed.patient(), parsed.invitee(), clock.instant());
            Set<Channel> channels = invitations.channels(request, practice, parsed.invitee(), new ArrayList<>());
            return new Valid(
                    row,
                    parsed,
                    channels,
                    Objects.requireNonNull(staff),
                    new InvitationStore.OpenKey(
                            practice.practiceId(),
                            parsed.patient().id(),
                            parsed.invitee().email().lookupKey()));
        } catch (ValidationException e) {
            tally.reject(
                    row,
                    BulkRejection.Reason.INVALID,
                    e.violations().get(0).field() + ":" + e.violations().get(0).rule());
            return null;
        }
    }

    /** Checks the chunk against stored invitations and accounts, then writes it as batches. */
    private void writeChunk(PortalSettings practice, StaffId runBy, List<Valid> valid, ChunkTally tally) {
        Instant now = clock.instant();
        Map<InvitationStore.OpenKey, Invitation> open = new HashMap<>();
        for (Invitation i : storage.invitations()
                .findOpenAmong(valid.stream().map(Valid::key).toList())) {
            open.put(
                    new InvitationStore.OpenKey(
                            i.practiceId(),
                            i.patient().id(),
                            i.invitee().email().lookupKey()),
                    i);
        }
        Map<String, PortalAccount> accounts = storage.accounts()
                .findByEmails(valid.stream()
                        .map(v -> v.key().inviteeEmailKey())
                        .distinct()
                        .toList());
        LocalDate today = LocalDate.ofInstant(now, practice.timeZone());
        List<Invitation> created = new ArrayList<>(valid.size());
        List<OutboundMessage> messages = new ArrayList<>(valid.size() * 2);
        List<AuditEvent> audits = new ArrayList<>(valid.size());
        for (Valid v : valid) {
            PortalAccount account = accounts.get(v.key().inviteeEmailKey());
            AccessKind kind = v.parsed().invitee().kind() == InviteeKind.PATIENT ? AccessKind.SELF : AccessKind.PROXY;
            if (account != null
                    && storage.accounts().findAccessByAccount(account.id()).stream()
                            .anyMatch(a -> a.practiceId().equals(practice.practiceId())
                                    && a.patientId().equals(v.parsed().patient().id())
                                    && a.kind() == kind
                                    && a.isActive(today))) {
                tally.reject(v.row(), BulkRejection.Reason.ALREADY_REGISTERED, "already_registered");
                continue;
            }
            if (account != null
                    && kind == AccessKind.SELF
                    && practice.sharedEmail() == SharedEmailPolicy.SEPARATE_LOGIN_PER_PATIENT
                    && storage.accounts().findAccessByAccount(account.id()).stream()
                            .anyMatch(a -> a.practiceId().equals(practice.practiceId())
                                    && a.kind() == AccessKind.SELF
                                    && !a.patientId()
                                            .equals(v.parsed().patient().id())
                                    && a.isActive(today))) {
                tally.reject(v.row(), BulkRejection.Reason.INVALID, "patient.email:email.shared");
                continue;
            }
            Invitation existing = open.get(v.key());
            if (existing != null) {
                if (existing.isLive(now)) {
                    tally.reject(v.row(), BulkRejection.Reason.ALREADY_INVITED, "already_invited");
                    continue;
                }
                invitations.expire(existing, now);
            }
            Invitation invitation = newInvitation(practice, v, now);
            created.add(invitation);
            messages.addAll(invitations.messagesFor(invitation));
            Invitee invitee = invitation.invitee();
            audits.add(AuditEvent.of(AuditAction.INVITATION_CREATED, "staff:" + v.staff(), now)
                    .practice(practice.practiceId())
                    .patient(invitation.patient().id())
                    .invitation(invitation.id())
                    .detail("origin", invitation.origin())
                    .detail("invitee", invitee.kind())
                    .detail("relationship", invitee.relationship() == null ? "SELF" : invitee.relationship())
                    .detail("channels", invitation.channels())
                    .detail("expiresAt", invitation.expiresAt())
                    .detail("bulk", true)
                    .build());
        }
        if (created.isEmpty()) {
            return;
        }
        storage.insertInvitations(created, OutboxPacing.pace(storage.outbox(), practice, messages, now), audits);
        for (Invitation i : created) {
            events.publishAfterCommit(new PortalEvent.InvitationCreated(
                    i.id(), i.practiceId(), i.patient().id(), i.invitee().kind(), now));
        }
        tally.invited += created.size();
        log.debug(
                "bulk chunk at practice {} by {}: {} invitations written",
                practice.practiceId(),
                runBy,
                created.size());
    }

    private Invitation newInvitation(PortalSettings practice, Valid v, Instant now) {
        InvitationId id = InvitationId.random();
        TokenNonce nonce = tokens.newNonce();
        return new Invitation(
                id,
                practice.practiceId(),
                v.parsed().patient(),
                v.parsed().invitee(),
                v.channels(),
                v.row().request().origin(),
                InvitationStatus.PENDING,
                nonce,
                tokens.digest(id.value(), nonce),
                now,
                now.plus(practice.invitationLifetime()),
                now,
                v.staff(),
                0,
                0,
                null,
                null,
                null,
                now,
                1);
    }

    private record Row(long number, InviteRequest request) {}

    private record Valid(
            Row row,
            InvitationService.Parsed parsed,
            Set<Channel> channels,
            StaffId staff,
            InvitationStore.OpenKey key) {}

    /** Decisions about one chunk's rows, kept apart until it is done: a rolled-back chunk is decided again. */
    private static final class ChunkTally {
        long invited;
        final List<BulkRejection> rejections = new ArrayList<>();

        void reject(Row row, BulkRejection.Reason reason, String detail) {
            rejections.add(new BulkRejection(row.number(), row.request().patientId(), reason, detail));
        }
    }

    /** Bounded counts of a whole run: by reason, plus a capped sample. */
    private static final class Tally {
        private final BulkInvitationOptions options;
        private final Map<BulkRejection.Reason, Long> skipped = new EnumMap<>(BulkRejection.Reason.class);
        private final Map<String, Long> invalid = new HashMap<>();
        private final List<BulkRejection> sample = new ArrayList<>();
        private boolean sampleComplete = true;
        long processed;
        long invited;

        Tally(BulkInvitationOptions options) {
            this.options = options;
        }

        void record(BulkRejection r) {
            if (r.reason().skipped()) {
                skipped.merge(r.reason(), 1L, Long::sum);
            } else if (invalid.size() < 1_000 || invalid.containsKey(r.detail())) {
                invalid.merge(r.detail(), 1L, Long::sum);
            } else {
                // field:rule pairs are a small fixed set; this cap only guards against a surprise
                invalid.merge("other", 1L, Long::sum);
            }
            if (sample.size() < options.sampleLimit()) {
                sample.add(r);
            } else {
                sampleComplete = false;
            }
            options.onRejected().accept(r);
        }

        BulkProgress progress() {
            long s = skipped.values().stream().mapToLong(Long::longValue).sum();
            long i = invalid.values().stream().mapToLong(Long::longValue).sum();
            return new BulkProgress(processed, invited, s, i);
        }

        BulkInvitationResult result() {
            return new BulkInvitationResult(processed, invited, skipped, invalid, sample, sampleComplete);
        }
    }
}
