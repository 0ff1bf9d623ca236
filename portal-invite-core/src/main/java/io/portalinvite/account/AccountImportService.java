package io.portalinvite.account;

import io.portalinvite.account.AccountImportResult.ImportProgress;
import io.portalinvite.account.AccountImportResult.ImportRejection;
import io.portalinvite.account.ImportedAccountCheck.Valid;
import io.portalinvite.account.ImportedAccountCheck.ValidGrant;
import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.audit.AuditStore;
import io.portalinvite.common.AccessId;
import io.portalinvite.common.AccessKind;
import io.portalinvite.common.AccessScope;
import io.portalinvite.common.Actor;
import io.portalinvite.common.FieldViolation;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.StaffId;
import io.portalinvite.common.ValidationException;
import io.portalinvite.internal.bulk.BulkRuns;
import io.portalinvite.internal.bulk.RejectionTally;
import io.portalinvite.settings.AgePolicy;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.settings.SettingsService;
import io.portalinvite.tx.TransactionRunner;
import java.io.Reader;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings accounts over from the portal a host replaces: each with its login email, the password
 * hash the old system stored, and its grants (SELF or PROXY access to patients, as registration
 * creates them). The old hash is checked at sign-in by the stored-password check and replaced by
 * the library's Argon2id hash at the first successful sign-in, so patients keep their passwords.
 *
 * <p>Every hash is parsed when it is imported: an unknown, refused or malformed format is refused
 * here, with the row and the field named, never discovered at a patient's sign-in. Every imported
 * account gets an {@link AuditAction#ACCOUNT_IMPORTED} entry (and one {@link AuditAction#ACCESS_GRANTED}
 * per grant) naming the importing staff member as the actor.
 *
 * <p>{@link #importAll} streams like bulk invitation: rows are read, validated and written in chunks
 * of {@link ImportOptions#chunkSize()}, each chunk in one transaction, so memory does not grow with
 * the number of accounts. An account whose email exists already is skipped and left untouched.
 */
public final class AccountImportService {

    private static final Logger log = LoggerFactory.getLogger(AccountImportService.class);

    private final TransactionRunner tx;
    private final AccountStore accounts;
    private final AuditStore audit;
    private final SettingsService settings;
    private final Clock clock;
    private final ImportedAccountCheck check;

    /**
     * Creates the service. Built by {@link io.portalinvite.PortalInvite}; hosts get it from there.
     *
     * @param tx the transaction boundary the stores join
     * @param accounts the account store
     * @param audit the audit store
     * @param settings practices' settings (time zones and age rules for the grants)
     * @param clock the clock
     */
    public AccountImportService(
            TransactionRunner tx, AccountStore accounts, AuditStore audit, SettingsService settings, Clock clock) {
        this.tx = tx;
        this.accounts = accounts;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
        this.check = new ImportedAccountCheck(settings, clock);
    }

    /**
     * Imports one account.
     *
     * @param staff who imports it (the audit trail's actor)
     * @param account the account
     * @return the account as stored
     * @throws ValidationException naming the field and the rule when the email, the hash or a grant is
     *     refused (field {@code passwordHash} for a hash in no accepted format)
     * @throws DuplicateAccountException when an account with this email exists
     */
    public PortalAccount importAccount(StaffId staff, AccountImport account) {
        Objects.requireNonNull(staff, "staff");
        Valid valid = check.check(account, new HashMap<>());
        return tx.inTransaction(() -> {
            if (accounts.findByEmail(valid.email().lookupKey()).isPresent()) {
                throw new DuplicateAccountException();
            }
            return write(staff, valid, clock.instant());
        });
    }

    /**
     * Imports every account of a stream. The caller closes the stream.
     *
     * @param staff who runs the import
     * @param rows the accounts
     * @param options chunk size, sample size, callbacks
     * @return the summary
     */
    public AccountImportResult importAll(StaffId staff, Stream<AccountImport> rows, ImportOptions options) {
        return importAll(staff, rows.iterator(), options);
    }

    /**
     * Imports every account of an iterator.
     *
     * @param staff who runs the import
     * @param rows the accounts
     * @param options chunk size, sample size, callbacks
     * @return the summary
     */
    public AccountImportResult importAll(StaffId staff, Iterator<AccountImport> rows, ImportOptions options) {
        Iterator<AccountImportFile.Entry> entries = new Iterator<>() {
            private long row;

            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public AccountImportFile.Entry next() {
                return new AccountImportFile.Entry(++row, Objects.requireNonNull(rows.next(), "row " + row), null);
            }
        };
        return run(staff, entries, options);
    }

    /**
     * Imports the accounts of an account import file, reading it as it goes: tab-separated UTF-8,
     * a header line {@code email password_hash practice_id patient_id kind relationship date_of_birth},
     * then one line per grant, an account's lines next to each other (see {@code docs/account-import.md}).
     * Rows are reported by line number. The caller closes the reader.
     *
     * @param staff who runs the import
     * @param file the file's text
     * @param options chunk size, sample size, callbacks
     * @return the summary
     * @throws ValidationException on field {@code file} when the header line is missing or wrong;
     *     nothing is written then
     */
    public AccountImportResult importAll(StaffId staff, Reader file, ImportOptions options) {
        return run(staff, new AccountImportFile(file), options);
    }

    private AccountImportResult run(StaffId staff, Iterator<AccountImportFile.Entry> entries, ImportOptions options) {
        Objects.requireNonNull(staff, "staff");
        RejectionTally<ImportRejection, ImportRejection.Reason> tally = new RejectionTally<>(
                ImportRejection.Reason.class,
                ImportRejection::reason,
                ImportRejection.Reason::skipped,
                ImportRejection::detail,
                options.sampleLimit(),
                options.onRejected());
        BulkRuns.inChunks(
                entries,
                options.chunkSize(),
                chunk -> runChunk(staff, chunk, tally),
                () -> options.onProgress()
                        .accept(new ImportProgress(
                                tally.processed(),
                                tally.done(),
                                BulkRuns.total(tally.skipped()),
                                BulkRuns.total(tally.invalid()))));
        AccountImportResult result = new AccountImportResult(
                tally.processed(),
                tally.done(),
                tally.skipped(),
                tally.invalid(),
                tally.sample(),
                tally.sampleComplete());
        Instant now = clock.instant();
        tx.inTransaction(() -> {
            audit.append(AuditEvent.of(AuditAction.ACCOUNT_IMPORT_COMPLETED, Actor.staff(staff), now)
                    .detail("processed", result.processed())
                    .detail("imported", result.imported())
                    .detail("skipped", result.skippedTotal())
                    .detail("invalid", result.invalidTotal())
                    .build());
            tx.afterCommit(() -> log.info(
                    "account import: {} accounts, {} imported, {} skipped, {} invalid",
                    result.processed(),
                    result.imported(),
                    result.skippedTotal(),
                    result.invalidTotal()));
        });
        return result;
    }

    private void runChunk(
            StaffId staff,
            List<AccountImportFile.Entry> chunk,
            RejectionTally<ImportRejection, ImportRejection.Reason> tally) {
        List<ImportRejection> decided = new ArrayList<>();
        List<Row> valid = new ArrayList<>(chunk.size());
        Set<String> keys = new HashSet<>();
        // practices' settings read once per chunk, not once per account
        Map<PracticeId, PortalSettings> practices = new HashMap<>();
        for (AccountImportFile.Entry entry : chunk) {
            tally.read();
            FieldViolation problem = entry.problem();
            AccountImport account = entry.account();
            if (problem != null || account == null) {
                decided.add(invalid(entry.row(), Objects.requireNonNull(problem, "problem")));
                continue;
            }
            try {
                Valid v = check.check(account, practices);
                if (!keys.add(v.email().lookupKey())) {
                    decided.add(new ImportRejection(
                            entry.row(), ImportRejection.Reason.REPEATED_IN_INPUT, "repeated_in_input"));
                    continue;
                }
                valid.add(new Row(entry.row(), v));
            } catch (ValidationException e) {
                decided.add(invalid(entry.row(), e.violations().get(0)));
            }
        }
        List<ImportRejection> written = new ArrayList<>();
        long imported = 0;
        if (!valid.isEmpty()) {
            try {
                imported = tx.inTransaction(() -> writeChunk(staff, valid, written));
            } catch (DuplicateAccountException e) {
                // another import or a registration created one of these emails between our check and
                // our insert: the chunk rolled back whole, so write its rows one by one
                written.clear();
                imported = 0;
                log.debug(
                        "account import chunk met a concurrent account; importing its {} rows one by one",
                        valid.size());
                for (Row row : valid) {
                    try {
                        imported += tx.inTransaction(() -> writeChunk(staff, List.of(row), written));
                    } catch (DuplicateAccountException again) {
                        written.add(new ImportRejection(
                                row.number(), ImportRejection.Reason.ALREADY_EXISTS, "already_exists"));
                    }
                }
            }
        }
        tally.done(imported);
        decided.addAll(written);
        decided.sort(Comparator.comparingLong(ImportRejection::row));
        decided.forEach(tally::record);
    }

    /** Writes the chunk's new accounts; returns how many. */
    private long writeChunk(StaffId staff, List<Row> rows, List<ImportRejection> rejections) {
        Instant now = clock.instant();
        Map<String, PortalAccount> existing = accounts.findByEmails(
                rows.stream().map(r -> r.valid().email().lookupKey()).toList());
        long imported = 0;
        for (Row row : rows) {
            if (existing.containsKey(row.valid().email().lookupKey())) {
                rejections.add(
                        new ImportRejection(row.number(), ImportRejection.Reason.ALREADY_EXISTS, "already_exists"));
                continue;
            }
            write(staff, row.valid(), now);
            imported++;
        }
        return imported;
    }

    private PortalAccount write(StaffId staff, Valid valid, Instant now) {
        PortalAccount account =
                PortalAccount.activate(valid.email(), valid.hash().stored(), now);
        accounts.insert(account);
        Actor actor = Actor.staff(staff);
        for (ValidGrant g : valid.grants()) {
            PatientAccess access = grant(staff, account, g, now);
            accounts.insertAccess(access);
            audit.append(AuditEvent.of(AuditAction.ACCESS_GRANTED, actor, now)
                    .practice(access.practiceId())
                    .patient(access.patientId())
                    .account(account.id())
                    .detail("access", access.id())
                    .detail("kind", access.kind())
                    .detail("relationship", access.relationship() == null ? "SELF" : access.relationship())
                    .detail("scope", access.scope())
                    .detail("startsOn", access.startsOn())
                    .detail("endsOn", access.endsOn() == null ? "none" : access.endsOn())
                    .detail("via", "import")
                    .build());
        }
        audit.append(AuditEvent.of(AuditAction.ACCOUNT_IMPORTED, actor, now)
                .account(account.id())
                .practice(valid.grants().get(0).practiceId())
                .detail("hashFormat", valid.hash().format().code())
                .detail("grants", valid.grants().size())
                .build());
        return account;
    }

    /** The grant as registration makes it: from today, the practice's age rules applied to a parent's access. */
    private PatientAccess grant(StaffId staff, PortalAccount account, ValidGrant g, Instant now) {
        PortalSettings practice = g.settings();
        LocalDate today = LocalDate.ofInstant(now, practice.practice().timeZone());
        PatientAccess access = PatientAccess.grant(
                AccessId.random(),
                account.id(),
                g.practiceId(),
                g.patientId(),
                g.source().kind(),
                g.source().relationship(),
                now,
                staff,
                null,
                today,
                g.source().patientDateOfBirth());
        AgePolicy ages = practice.registration().agePolicy();
        LocalDate dob = g.source().patientDateOfBirth();
        if (dob != null
                && g.source().kind() == AccessKind.PROXY
                && ages.appliesTo(g.source().relationship())) {
            LocalDate ends = ages.parentalEndsOn(dob);
            if (ends != null) {
                access = access.withEndsOn(ends);
            }
            LocalDate reduced = ages.parentalReducedFrom(dob);
            if (reduced != null && !today.isBefore(reduced)) {
                access = access.withScope(AccessScope.LIMITED);
            }
        }
        return access;
    }

    private static ImportRejection invalid(long row, FieldViolation v) {
        return new ImportRejection(row, ImportRejection.Reason.INVALID, v.field() + ":" + v.rule());
    }

    private record Row(long number, Valid valid) {}

    /**
     * How a bulk import runs: chunk size, how many rejected rows the result keeps as a sample, and
     * the callbacks for progress and for every rejected row.
     *
     * @param chunkSize accounts validated and written per transaction (1 to 5 000; default 500)
     * @param sampleLimit rejected rows kept in {@link AccountImportResult#sample()} (0 to 10 000;
     *     default 100); the result's counts cover every row whatever this is
     * @param onProgress told after each chunk commits
     * @param onRejected told of every skipped or invalid row, as it is decided
     */
    public record ImportOptions(
            int chunkSize, int sampleLimit, Consumer<ImportProgress> onProgress, Consumer<ImportRejection> onRejected) {

        /** Chunks of 500, a sample of 100, no callbacks. */
        public static final ImportOptions DEFAULT = new ImportOptions(500, 100, p -> {}, r -> {});

        /** Checks ranges. */
        public ImportOptions {
            Objects.requireNonNull(onProgress, "onProgress");
            Objects.requireNonNull(onRejected, "onRejected");
            BulkRuns.checkOptions("import", chunkSize, sampleLimit);
        }

        /**
         * Returns these options with another chunk size.
         *
         * @param value accounts per transaction
         * @return the changed options
         */
        public ImportOptions withChunkSize(int value) {
            return new ImportOptions(value, sampleLimit, onProgress, onRejected);
        }

        /**
         * Returns these options with another sample limit.
         *
         * @param value rejected rows kept in the result
         * @return the changed options
         */
        public ImportOptions withSampleLimit(int value) {
            return new ImportOptions(chunkSize, value, onProgress, onRejected);
        }

        /**
         * Returns these options with a progress callback.
         *
         * @param value told after each chunk commits
         * @return the changed options
         */
        public ImportOptions withProgress(Consumer<ImportProgress> value) {
            return new ImportOptions(chunkSize, sampleLimit, value, onRejected);
        }

        /**
         * Returns these options with a callback for every rejected row.
         *
         * @param value told of every skipped or invalid row
         * @return the changed options
         */
        public ImportOptions withRejected(Consumer<ImportRejection> value) {
            return new ImportOptions(chunkSize, sampleLimit, onProgress, value);
        }
    }
}
