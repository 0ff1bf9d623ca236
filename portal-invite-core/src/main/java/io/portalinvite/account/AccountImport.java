package io.portalinvite.account;

import io.portalinvite.common.AccessKind;
import io.portalinvite.party.Relationship;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One account to bring over from another portal: its login email, the password hash the other
 * system stored (bcrypt, PBKDF2, scrypt or Argon2 in their usual string forms; {@code
 * docs/account-import.md} lists them) and the patients it may see. Values are taken as the other system exported them and validated by
 * {@link AccountImportService}, which names the field and the rule of anything it refuses.
 *
 * @param email the login email
 * @param passwordHash the other system's hash, e.g. {@code {bcrypt}$2a$10$...}
 * @param grants the patients the account may see; at least one
 */
public record AccountImport(String email, String passwordHash, List<Grant> grants) {

    /** Copies the grants and checks presence. */
    public AccountImport {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(passwordHash, "passwordHash");
        grants = List.copyOf(Objects.requireNonNull(grants, "grants"));
    }

    /**
     * An account with the given grants.
     *
     * @param email the login email
     * @param passwordHash the other system's hash
     * @param grants the patients it may see
     * @return the request
     */
    public static AccountImport of(String email, String passwordHash, Grant... grants) {
        return new AccountImport(email, passwordHash, List.of(grants));
    }

    @Override
    public String toString() {
        // neither the email nor the hash: both end up in logs otherwise
        return "AccountImport[" + grants.size() + " grants]";
    }

    /**
     * Access to one patient at one practice, as registration grants it: SELF for the patient, PROXY
     * with the relationship for a parent, guardian or carer.
     *
     * @param practiceId the practice's id
     * @param patientId the host's patient id
     * @param kind SELF or PROXY
     * @param relationship for PROXY, how the holder is related to the patient; null for SELF
     * @param patientDateOfBirth the patient's date of birth, so the practice's age rules apply to a
     *     parent's access; null when unknown
     */
    public record Grant(
            String practiceId,
            String patientId,
            AccessKind kind,
            @Nullable Relationship relationship,
            @Nullable LocalDate patientDateOfBirth) {

        /** Checks presence. */
        public Grant {
            Objects.requireNonNull(practiceId, "practiceId");
            Objects.requireNonNull(patientId, "patientId");
            Objects.requireNonNull(kind, "kind");
        }

        /**
         * The patient's own access.
         *
         * @param practiceId the practice's id
         * @param patientId the host's patient id
         * @return the grant
         */
        public static Grant self(String practiceId, String patientId) {
            return new Grant(practiceId, patientId, AccessKind.SELF, null, null);
        }

        /**
         * Access on a patient's behalf.
         *
         * @param practiceId the practice's id
         * @param patientId the host's patient id
         * @param relationship how the holder is related to the patient
         * @param patientDateOfBirth the patient's date of birth, or null
         * @return the grant
         */
        public static Grant proxy(
                String practiceId,
                String patientId,
                Relationship relationship,
                @Nullable LocalDate patientDateOfBirth) {
            return new Grant(practiceId, patientId, AccessKind.PROXY, relationship, patientDateOfBirth);
        }
    }
}
