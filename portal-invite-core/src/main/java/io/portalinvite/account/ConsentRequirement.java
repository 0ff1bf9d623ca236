package io.portalinvite.account;

import io.portalinvite.common.PracticeId;
import java.io.Serializable;
import java.util.Objects;

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
