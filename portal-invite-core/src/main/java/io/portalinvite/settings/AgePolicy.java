package io.portalinvite.settings;

import io.portalinvite.common.ValidationException;
import io.portalinvite.common.Violations;
import io.portalinvite.party.Relationship;
import java.time.LocalDate;
import java.time.Period;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A practice's age rules: from what age a patient may hold their own Patient Portal account, and at
 * which birthday a parent's PROXY access is reduced to limited access or ends.
 *
 * <p>Birthdays are taken in the practice's time zone. A patient born on 29 February turns a year
 * older on 28 February in common years ({@link LocalDate#plusYears}), the earlier of the usual
 * conventions, so access never outlives the rule by a day.
 *
 * @param ownAccountMinimumAge youngest age at which a patient may hold their own account (SELF), or
 *     null for no limit
 * @param parentalReductionAge birthday from which parental access is {@link
 *     io.portalinvite.common.AccessScope#LIMITED limited}, or null
 * @param parentalEndAge birthday on which parental access ends, or null
 * @param parentalRelationships the proxy relationships the parental rules apply to (usually PARENT
 *     and GUARDIAN; a CARER of an adult is not affected)
 */
public record AgePolicy(
        @Nullable Integer ownAccountMinimumAge,
        @Nullable Integer parentalReductionAge,
        @Nullable Integer parentalEndAge,
        Set<Relationship> parentalRelationships) {

    /** Highest age a rule may name. */
    public static final int MAX_AGE = 25;

    /** No age rules: anyone may hold an account, parental access never changes by age. */
    public static final AgePolicy NONE =
            new AgePolicy(null, null, null, EnumSet.of(Relationship.PARENT, Relationship.GUARDIAN));

    /**
     * Australia's My Health Record: from 14 a patient manages their own record, and a parent's
     * access ends automatically on the 14th birthday.
     */
    public static final AgePolicy AU_MY_HEALTH_RECORD = parental(14, null, 14);

    /** A common US preset: own account from 12, parental access limited from 12, ending at 18. */
    public static final AgePolicy US_12 = parental(12, 12, 18);

    /** A common US preset: own account from 13, parental access limited from 13, ending at 18. */
    public static final AgePolicy US_13 = parental(13, 13, 18);

    /** A US preset: own account from 18, full parental access until the 18th birthday. */
    public static final AgePolicy US_18 = parental(18, null, 18);

    /** Validates the ages and copies the relationships. */
    public AgePolicy {
        Violations v = new Violations();
        checkAge(v, "settings.agePolicy.ownAccountMinimumAge", ownAccountMinimumAge);
        checkAge(v, "settings.agePolicy.parentalReductionAge", parentalReductionAge);
        checkAge(v, "settings.agePolicy.parentalEndAge", parentalEndAge);
        if (parentalReductionAge != null && parentalEndAge != null && parentalReductionAge >= parentalEndAge) {
            v.add("settings.agePolicy.parentalReductionAge", "range", "must be below the age parental access ends");
        }
        Objects.requireNonNull(parentalRelationships, "parentalRelationships");
        if (parentalRelationships.isEmpty() && (parentalReductionAge != null || parentalEndAge != null)) {
            v.add(
                    "settings.agePolicy.parentalRelationships",
                    "required",
                    "must name at least one relationship when a parental age rule is set");
        }
        v.throwIfAny();
        parentalRelationships =
                parentalRelationships.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(parentalRelationships));
    }

    private static AgePolicy parental(@Nullable Integer own, @Nullable Integer reduce, @Nullable Integer end) {
        return new AgePolicy(own, reduce, end, EnumSet.of(Relationship.PARENT, Relationship.GUARDIAN));
    }

    /**
     * Returns a preset by name, as configuration files spell it.
     *
     * @param name {@code NONE}, {@code AU_MY_HEALTH_RECORD}, {@code US_12}, {@code US_13} or {@code US_18}
     *     (case-insensitive, dashes allowed)
     * @return the preset
     * @throws ValidationException for an unknown name
     */
    public static AgePolicy preset(String name) {
        String key = name == null ? "" : name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return switch (key) {
            case "NONE" -> NONE;
            case "AU_MY_HEALTH_RECORD" -> AU_MY_HEALTH_RECORD;
            case "US_12" -> US_12;
            case "US_13" -> US_13;
            case "US_18" -> US_18;
            default ->
                throw new ValidationException(
                        "settings.agePolicy",
                        "preset",
                        "must be one of NONE, AU_MY_HEALTH_RECORD, US_12, US_13, US_18");
        };
    }

    /**
     * Tells whether a patient may hold their own account on a day.
     *
     * @param dateOfBirth the patient's date of birth
     * @param today today in the practice's time zone
     * @return true when old enough (or when there is no minimum)
     */
    public boolean mayHoldOwnAccount(LocalDate dateOfBirth, LocalDate today) {
        return ownAccountMinimumAge == null || !today.isBefore(dateOfBirth.plusYears(ownAccountMinimumAge));
    }

    /**
     * Tells whether the parental rules apply to a proxy relationship.
     *
     * @param relationship the grant's relationship
     * @return true for the configured parental relationships
     */
    public boolean appliesTo(@Nullable Relationship relationship) {
        return relationship != null && parentalRelationships.contains(relationship);
    }

    /**
     * Returns the day parental access ends.
     *
     * @param dateOfBirth the patient's date of birth
     * @return the birthday, or null when parental access does not end by age
     */
    public @Nullable LocalDate parentalEndsOn(LocalDate dateOfBirth) {
        return parentalEndAge == null ? null : dateOfBirth.plusYears(parentalEndAge);
    }

    /**
     * Returns the day parental access becomes limited.
     *
     * @param dateOfBirth the patient's date of birth
     * @return the birthday, or null when it is never reduced
     */
    public @Nullable LocalDate parentalReducedFrom(LocalDate dateOfBirth) {
        return parentalReductionAge == null ? null : dateOfBirth.plusYears(parentalReductionAge);
    }

    /**
     * Returns a patient's age in whole years.
     *
     * @param dateOfBirth the date of birth
     * @param today today in the practice's time zone
     * @return the age
     */
    public static int ageOn(LocalDate dateOfBirth, LocalDate today) {
        return Period.between(dateOfBirth, today).getYears();
    }

    private static void checkAge(Violations v, String field, @Nullable Integer age) {
        if (age != null && (age < 1 || age > MAX_AGE)) {
            v.add(field, "range", "must be between 1 and " + MAX_AGE);
        }
    }
}
