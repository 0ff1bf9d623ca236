package io.portalinvite.spring.boot.autoconfigure;

import io.portalinvite.settings.AgePolicy;

/** The age-rule presets a practice can start from, as {@code portal.invite.practice-defaults.age-policy} names them. */
public enum AgePolicyPreset {
    /** No age rules. */
    NONE(AgePolicy.NONE),
    /** Australia's My Health Record: own account from 14, when a parent's access ends. */
    AU_MY_HEALTH_RECORD(AgePolicy.AU_MY_HEALTH_RECORD),
    /** Own account from 12; parental access limited from 12, ending at 18. */
    US_12(AgePolicy.US_12),
    /** Own account from 13; parental access limited from 13, ending at 18. */
    US_13(AgePolicy.US_13),
    /** Own account from 18; full parental access until the 18th birthday. */
    US_18(AgePolicy.US_18);

    private final AgePolicy policy;

    AgePolicyPreset(AgePolicy policy) {
        this.policy = policy;
    }

    /**
     * Returns the library's policy.
     *
     * @return the policy
     */
    public AgePolicy policy() {
        return policy;
    }
}
