package io.portalinvite.jdbc;

import io.portalinvite.PortalInvite;
import io.portalinvite.account.PatientAccess;
import io.portalinvite.account.PortalAccount;
import io.portalinvite.common.AccessId;
import io.portalinvite.common.AccessKind;
import io.portalinvite.common.PatientId;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.StaffId;
import io.portalinvite.delivery.EmailSender;
import io.portalinvite.invitation.BulkInvitationResult;
import io.portalinvite.invitation.BulkInvitationService.BulkInvitationOptions;
import io.portalinvite.invitation.InviteRequest;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.token.TokenKey;
import java.time.Instant;
import java.time.LocalDate;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The body of {@link BulkInvitationScaleTest}, run in its own JVM with a small heap: invites
 * {@value #PATIENTS} generated patients on PostgreSQL and prints one line of figures for the test
 * to check.
 *
 * <p>Among the rows: every 100th patient was invited before the run, every 1 000th (offset 7)
 * already has an account with access, every 1 000th (offset 3) has a malformed email, every 2 000th
 * (offset 5) has no date of birth, and every 5 000th row repeats the row before it.
 */
public final class BulkInvitationScaleRun {

    static final int PATIENTS = 100_000;
    static final PracticeId PRACTICE = PracticeId.of("practice-bulk");
    static final StaffId STAFF = StaffId.of("staff-bulk");

    private static final String[] GIVEN = {"Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances"};
    private static final String[] FAMILY = {"Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen"};

    private BulkInvitationScaleRun() {}

    /**
     * Runs the bulk invitation and prints {@code key=value} figures on one line.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        TestDatabase db = TestDatabase.postgres();
        JdbcPortalStorage storage = db.freshStorage();
        EmailSender nowhere = message -> {};
        try (PortalInvite portal = PortalInvite.builder()
                .storage(storage)
                .emailSender(nowhere)
                .tokenKey(TokenKey.of(new byte[32]))
                .build()) {
            portal.settings()
                    .save(
                            PortalSettings.builder(PRACTICE)
                                    .enabled(true)
                                    .practiceName("Bulk Clinic")
                                    .invitationLinkBase("https://portal.bulk.example/invitation")
                                    .messagesPerMinute(600)
                                    .build(),
                            STAFF);
            seed(portal, storage);
            long[] heapAt10k = new long[1];
            long start = System.nanoTime();
            BulkInvitationResult result = portal.bulkInvitations()
                    .inviteAll(
                            PRACTICE,
                            STAFF,
                            rows(),
                            BulkInvitationOptions.DEFAULT.withChunkSize(1_000).withProgress(p -> {
                                if (p.processed() == 10_000) {
                                    heapAt10k[0] = SmallHeapRun.usedAfterGc();
                                }
                            }));
            double seconds = (System.nanoTime() - start) / 1e9;
            long heapAtEnd = SmallHeapRun.usedAfterGc();
            System.out.println("RESULT processed=" + result.processed() + " invited=" + result.invited()
                    + " alreadyInvited="
                    + result.skipped()
                            .getOrDefault(
                                    io.portalinvite.invitation.BulkInvitationResult.BulkRejection.Reason
                                            .ALREADY_INVITED,
                                    0L)
                    + " alreadyRegistered="
                    + result.skipped()
                            .getOrDefault(
                                    io.portalinvite.invitation.BulkInvitationResult.BulkRejection.Reason
                                            .ALREADY_REGISTERED,
                                    0L)
                    + " repeated="
                    + result.skipped()
                            .getOrDefault(
                                    io.portalinvite.invitation.BulkInvitationResult.BulkRejection.Reason
                                            .REPEATED_IN_INPUT,
                                    0L)
                    + " invalid=" + result.invalidTotal()
                    + " invalidEmail=" + result.invalid().getOrDefault("patient.email:email.syntax", 0L)
                    + " sample=" + result.sample().size()
                    + " invalidRules=" + String.join(";", result.invalid().keySet())
                    + " seconds=" + String.format(java.util.Locale.ROOT, "%.1f", seconds)
                    + " perSecond=" + Math.round(result.invited() / seconds)
                    + " heapAt10k=" + heapAt10k[0] + " heapAtEnd=" + heapAtEnd
                    + " peakHeap=" + SmallHeapRun.peakHeap() + " maxHeap="
                    + Runtime.getRuntime().maxMemory()
                    + " rows=" + SmallHeapRun.count(db, "SELECT COUNT(*) FROM pi_invitation") + ","
                    + SmallHeapRun.count(db, "SELECT COUNT(*) FROM pi_outbox") + ","
                    + SmallHeapRun.count(db, "SELECT COUNT(*) FROM pi_audit"));
        }
        System.exit(0);
    }

    private static void seed(PortalInvite portal, JdbcPortalStorage storage) {
        // invited before the run: every 100th patient
        portal.bulkInvitations()
                .inviteAll(
                        PRACTICE,
                        STAFF,
                        IntStream.range(0, PATIENTS)
                                .filter(i -> i % 100 == 0)
                                .mapToObj(BulkInvitationScaleRun::request),
                        BulkInvitationOptions.DEFAULT);
        // registered: every 1 000th, offset 7
        Instant now = Instant.now();
        storage.transactions().inTransaction(() -> {
            for (int i = 7; i < PATIENTS; i += 1_000) {
                PortalAccount account = PortalAccount.activate(EmailAddress.of(email(i)), "$argon2id$seeded", now);
                storage.accounts().insert(account);
                storage.accounts()
                        .insertAccess(PatientAccess.grant(
                                AccessId.random(),
                                account.id(),
                                PRACTICE,
                                PatientId.of("patient-" + i),
                                AccessKind.SELF,
                                null,
                                now,
                                STAFF,
                                null,
                                java.time.LocalDate.ofInstant(now, java.time.ZoneOffset.UTC),
                                null));
            }
            return null;
        });
    }

    private static Stream<InviteRequest> rows() {
        return IntStream.range(0, PATIENTS)
                .boxed()
                .flatMap(i -> i % 5_000 == 4_999 ? Stream.of(request(i), request(i)) : Stream.of(request(i)));
    }

    private static InviteRequest request(int i) {
        return InviteRequest.existingPatient(PRACTICE.value(), STAFF.value())
                .patientId("patient-" + i)
                .name(GIVEN[i % GIVEN.length], FAMILY[i % FAMILY.length])
                .dateOfBirth(i % 2_000 == 5 ? null : LocalDate.of(1950 + i % 60, 1 + i % 12, 1 + i % 28))
                .email(i % 1_000 == 3 ? "not-an-email-" + i : email(i))
                .build();
    }

    private static String email(int i) {
        return "patient" + i + "@example.org";
    }
}
