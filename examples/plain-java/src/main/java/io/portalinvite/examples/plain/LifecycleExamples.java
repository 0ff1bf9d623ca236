package io.portalinvite.examples.plain;

import io.portalinvite.PortalInvite;
import io.portalinvite.common.AccountId;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.StaffId;
import io.portalinvite.invitation.BulkInvitationResult;
import io.portalinvite.invitation.BulkInvitationResult.BulkProgress;
import io.portalinvite.invitation.BulkInvitationResult.BulkRejection;
import io.portalinvite.invitation.BulkInvitationService.BulkInvitationOptions;
import io.portalinvite.invitation.InviteRequest;
import io.portalinvite.maintenance.MaintenanceService.MaintenanceReport;
import io.portalinvite.reset.PasswordResetService.CompletePasswordReset;
import io.portalinvite.reset.PasswordResetService.ResetRequestReceipt;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

/**
 * The README's bulk invitation, password reset and maintenance examples, kept here so the build
 * compiles them; {@code LifecycleExamplesTest} runs them and checks that the README shows exactly
 * this code.
 */
final class LifecycleExamples {

    private LifecycleExamples() {}

    /** A row of the host's own patient query. */
    record HostPatient(String id, String givenName, String familyName, LocalDate dateOfBirth, String email) {}

    static BulkInvitationResult bulk(
            PortalInvite portal,
            PracticeId practice,
            Stream<HostPatient> hostPatients,
            List<BulkProgress> progress,
            List<BulkRejection> report) {
        // bulk:begin
        // e.g. everyone seen in the last two years with an email and no portal access, streamed from your database
        BulkInvitationResult summary = portal.bulkInvitations()
                .inviteAll(
                        practice,
                        StaffId.of("admin-1"),
                        hostPatients.map(p -> InviteRequest.existingPatient("sunrise-clinic", "admin-1")
                                .patientId(p.id())
                                .name(p.givenName(), p.familyName())
                                .dateOfBirth(p.dateOfBirth())
                                .email(p.email())
                                .build()),
                        BulkInvitationOptions.DEFAULT
                                .withChunkSize(500) // rows per transaction; memory stays flat
                                .withProgress(progress::add) // after each chunk commits
                                .withRejected(report::add)); // every skipped or invalid row, no contact details
        // summary.invited(); summary.skipped() by reason; summary.invalid() by "field:rule"; summary.sample()
        // bulk:end
        return summary;
    }

    /** What the reset example returns, for the test. */
    record Reset(ResetRequestReceipt receipt, AccountId account, boolean stillValid) {}

    static Reset reset(
            PortalInvite portal,
            PracticeId practice,
            String typedEmail,
            TokenFromEmail link,
            String newPassword,
            String newPasswordAgain,
            AccountId sessionAccount,
            Instant sessionLoginTime) {
        // reset:begin
        // "Forgot password" form (POST): the same receipt whether or not the address has an account
        ResetRequestReceipt receipt = portal.passwordReset().request(practice, typedEmail);
        // the emailed link's page (POST with the new password typed twice): single use, policy-checked
        String tokenFromLink = link.token();
        AccountId account = portal.passwordReset()
                .complete(new CompletePasswordReset(tokenFromLink, newPassword, newPasswordAgain));
        // on each request of a logged-in session: sessions begun before the reset have ended
        boolean stillValid = portal.login().isSessionValid(sessionAccount, sessionLoginTime);
        // reset:end
        return new Reset(receipt, account, stillValid);
    }

    /** Reads the token from the reset email, as the person's browser would. */
    @FunctionalInterface
    interface TokenFromEmail {
        String token();
    }

    static MaintenanceReport maintenance(PortalInvite portal, PracticeId practice) {
        // maintenance:begin
        portal.settings()
                .save(
                        portal.settings().get(practice).toBuilder()
                                .reminderBefore(Duration.ofDays(2)) // one reminder two days before the link expires
                                .messagesPerMinute(120) // pace this practice's email and SMS
                                .build(),
                        StaffId.of("admin-1"));
        MaintenanceReport swept = portal.maintenance().sweep(); // from your scheduler, on any or every node
        // maintenance:end
        return swept;
    }
}
