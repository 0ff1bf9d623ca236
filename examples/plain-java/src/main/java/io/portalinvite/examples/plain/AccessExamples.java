package io.portalinvite.examples.plain;

import io.portalinvite.PortalInvite;
import io.portalinvite.account.AccessService;
import io.portalinvite.account.PatientAccess;
import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditQuery;
import io.portalinvite.audit.AuditQuery.AuditPage;
import io.portalinvite.common.PatientId;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.StaffId;
import io.portalinvite.invitation.InvitationPreview;
import io.portalinvite.invitation.RegistrationService.CompleteRegistration;
import io.portalinvite.invitation.RegistrationService.RegistrationResult;
import io.portalinvite.settings.AgePolicy;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The README's examples of access grants, age rules, privacy-notice consent and the audit query,
 * kept here so the build compiles them; {@code AccessExamplesTest} runs them and checks that the
 * README shows exactly this code.
 */
final class AccessExamples {

    private AccessExamples() {}

    static List<PatientAccess> grants(PortalInvite portal, PracticeId practice, PatientId patient, StaffId staff) {
        // grants:begin
        List<PatientAccess> grants = portal.access().forPatient(practice, patient); // the demographic window
        portal.access().revoke(practice, grants.get(0).id(), staff); // this grant only
        portal.access().changeEndDate(practice, grants.get(1).id(), LocalDate.of(2027, 6, 30), staff);
        portal.invitations().removeAccess(practice, patient, staff); // all of it, this practice only
        // grants:end
        return portal.access().forPatient(practice, patient);
    }

    static AccessService.AccessReview ageRules(PortalInvite portal, PracticeId practice, StaffId staff) {
        // ages:begin
        portal.settings()
                .save(
                        portal.settings().get(practice).toBuilder()
                                .agePolicy(AgePolicy.AU_MY_HEALTH_RECORD) // 14: own account, parent's ends
                                .build(),
                        staff);
        AccessService.AccessReview swept = portal.access().applyAgeRulesAndEndDates();
        // ages:end
        return swept;
    }

    static RegistrationResult consent(
            PortalInvite portal, String token, String password, String confirmation, LocalDate dateOfBirth) {
        // consent:begin
        InvitationPreview preview = portal.registration().preview(token); // preview.consent(): texts, version
        RegistrationResult registered = portal.registration()
                .complete(new CompleteRegistration(
                        token,
                        password,
                        confirmation,
                        dateOfBirth,
                        preview.consentVersion())); // the ticked box sends the version back
        // consent:end
        return registered;
    }

    static AuditPage audit(
            PortalInvite portal, PracticeId practice, PatientId patient, @Nullable String previousCursor) {
        // audit:begin
        AuditPage page = portal.audit()
                .query(AuditQuery.practice(practice)
                        .patient(patient)
                        .actions(AuditAction.ACCESS_GRANTED, AuditAction.ACCESS_REVOKED, AuditAction.ACCESS_ENDED)
                        .pageSize(50)
                        .after(previousCursor)
                        .build()); // previousCursor: null, then page.nextCursor()
        // audit:end
        return page;
    }
}
