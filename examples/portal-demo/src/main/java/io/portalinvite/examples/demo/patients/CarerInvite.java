package io.portalinvite.examples.demo.patients;

import org.jspecify.annotations.Nullable;

/**
 * The demographic window's "Invite a carer or parent" form: Patient Portal access for someone acting
 * for an existing patient — a parent of a child, a carer invited again after their access was
 * revoked. Values are as typed; the library validates them.
 *
 * @param carerGivenName the carer's or parent's given name
 * @param carerFamilyName their family name
 * @param carerRelationship PARENT, GUARDIAN, CARER or OTHER
 * @param carerEmail their email, where the invitation goes
 * @param carerMobile their mobile, for the SMS notice
 */
public record CarerInvite(
        @Nullable String carerGivenName,
        @Nullable String carerFamilyName,
        @Nullable String carerRelationship,
        @Nullable String carerEmail,
        @Nullable String carerMobile) {

    /**
     * An empty form.
     *
     * @return the form
     */
    public static CarerInvite empty() {
        return new CarerInvite(null, null, null, null, null);
    }
}
