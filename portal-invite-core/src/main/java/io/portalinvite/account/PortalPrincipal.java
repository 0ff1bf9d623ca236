package io.portalinvite.account;

import io.portalinvite.common.AccountId;
import io.portalinvite.common.PracticeId;
import io.portalinvite.party.EmailAddress;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * Who logged in, and the patients they may act for: themselves (SELF) and others (PROXY), at any
 * practice. Serializable, so a host can keep it in a replicated or persisted HTTP session.
 *
 * <p>Grants at a practice whose current privacy notice must be accepted again are left out of
 * {@link #access()} and named in {@link #consentRequired()} until the holder accepts it with {@link
 * AccessService#acceptConsent}.
 *
 * @param accountId the account
 * @param email the login email
 * @param access the active grants the holder may use now
 * @param consentRequired privacy notices to accept before the grants of those practices apply
 */
public record PortalPrincipal(
        AccountId accountId, EmailAddress email, List<PatientAccess> access, List<ConsentRequirement> consentRequired)
        implements Serializable {

    /** Copies the lists. */
    public PortalPrincipal {
        access = List.copyOf(access);
        consentRequired = List.copyOf(consentRequired);
    }

    /**
     * A principal with nothing to accept.
     *
     * @param accountId the account
     * @param email the login email
     * @param access the active grants
     */
    public PortalPrincipal(AccountId accountId, EmailAddress email, List<PatientAccess> access) {
        this(accountId, email, access, List.of());
    }

    /**
     * A practice's privacy notice that the account holder must accept (again) before they see that
     * practice's patients: the practice published a version that requires re-acceptance.
     *
     * @param practiceId the practice
     * @param version the version to accept
     */
    public record ConsentRequirement(PracticeId practiceId, String version) implements Serializable {

        /** Checks presence. */
        public ConsentRequirement {
            Objects.requireNonNull(practiceId, "practiceId");
            Objects.requireNonNull(version, "version");
        }
    }
}
