package io.portalinvite.throttle;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The budgets of sign-in throttling, beside the per-account lockout of
 * {@link io.portalinvite.account.LoginService.LoginPolicy}.
 *
 * @param perAddress sign-in attempts one client address may make, whatever the accounts (default 100
 *     per 15 minutes); past it the answer is "too many attempts" with a time to wait (HTTP 429)
 * @param perDevice attempts a device that signed in before may make for its account with its device
 *     cookie, on its own budget instead of the account's lockout (default 10 per 15 minutes); past it
 *     the device counts as unknown
 * @param deviceCookieLifetime how long a device cookie stays valid after a successful sign-in
 *     (default 180 days)
 * @param secondFactorPerAccount second-factor codes (authenticator-app or recovery codes) an account
 *     may be tried with from clients that are not its known devices (default 10 per 15 minutes);
 *     past it the answer is "too many attempts", while the owner's known devices keep their own
 *     budget ({@code perDevice})
 * @param perEmail sign-in attempts one email address may be tried with from clients that are not a
 *     known device of its account, or null for none (the default). It is kept per digest of the
 *     email whether or not an account has it, so an email past it is answered "sign-in is paused"
 *     with a time to wait ({@link io.portalinvite.account.LoginService.LoginResult#paused()}) at the
 *     same attempt for known and unknown emails, and the answer tells nothing about accounts. Give
 *     it the capacity of {@code LoginPolicy.throttleFrom()} so that it engages where the account's
 *     own throttle does; every attempt counts, a successful one too
 */
public record SignInThrottleSettings(
        Budget perAddress,
        Budget perDevice,
        Duration deviceCookieLifetime,
        Budget secondFactorPerAccount,
        @Nullable Budget perEmail) {

    /** The default second-factor budget per account: 10 codes per 15 minutes. */
    public static final Budget DEFAULT_SECOND_FACTOR_PER_ACCOUNT = new Budget(10, Duration.ofMinutes(15));

    /** The defaults. */
    public static final SignInThrottleSettings DEFAULT = new SignInThrottleSettings(
            new Budget(100, Duration.ofMinutes(15)), new Budget(10, Duration.ofMinutes(15)), Duration.ofDays(180));

    /**
     * Settings with the default second-factor budget per account.
     *
     * @param perAddress sign-in attempts per client address
     * @param perDevice attempts per known device
     * @param deviceCookieLifetime how long a device cookie stays valid
     */
    public SignInThrottleSettings(Budget perAddress, Budget perDevice, Duration deviceCookieLifetime) {
        this(perAddress, perDevice, deviceCookieLifetime, DEFAULT_SECOND_FACTOR_PER_ACCOUNT, null);
    }

    /**
     * Settings without a per-email budget.
     *
     * @param perAddress sign-in attempts per client address
     * @param perDevice attempts per known device
     * @param deviceCookieLifetime how long a device cookie stays valid
     * @param secondFactorPerAccount second-factor codes per account from unknown clients
     */
    public SignInThrottleSettings(
            Budget perAddress, Budget perDevice, Duration deviceCookieLifetime, Budget secondFactorPerAccount) {
        this(perAddress, perDevice, deviceCookieLifetime, secondFactorPerAccount, null);
    }

    /**
     * Returns these settings with a per-email budget.
     *
     * @param budget attempts per email address from clients that are not a known device
     * @return the settings
     */
    public SignInThrottleSettings withPerEmail(Budget budget) {
        return new SignInThrottleSettings(
                perAddress, perDevice, deviceCookieLifetime, secondFactorPerAccount, Objects.requireNonNull(budget));
    }

    /** Checks the parts. */
    public SignInThrottleSettings {
        Objects.requireNonNull(perAddress, "perAddress");
        Objects.requireNonNull(perDevice, "perDevice");
        Objects.requireNonNull(deviceCookieLifetime, "deviceCookieLifetime");
        Objects.requireNonNull(secondFactorPerAccount, "secondFactorPerAccount");
        if (deviceCookieLifetime.compareTo(Duration.ofDays(1)) < 0
                || deviceCookieLifetime.compareTo(Duration.ofDays(400)) > 0) {
            throw new IllegalArgumentException("deviceCookieLifetime must be between 1 and 400 days");
        }
    }
}
