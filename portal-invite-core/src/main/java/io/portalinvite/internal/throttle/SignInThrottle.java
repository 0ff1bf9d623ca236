package io.portalinvite.internal.throttle;

import io.portalinvite.common.AccountId;
import io.portalinvite.throttle.Budget;
import io.portalinvite.throttle.BudgetDecision;
import io.portalinvite.throttle.SignInBudgets;
import io.portalinvite.throttle.SignInClient;
import io.portalinvite.throttle.SignInThrottleSettings;
import io.portalinvite.token.DeviceCookies;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * The throttling decisions of a sign-in, after OWASP's device-cookie scheme: a per-address budget
 * taken by every attempt; for an attempt presenting a valid device cookie of the account it tries,
 * the device's own budget instead of the account's lockout; for any other attempt, when set, the
 * budget of the email tried; and a new device cookie after each
 * successful sign-in. Budget keys are digests, so no address reaches the budget store in clear.
 * Built by {@link io.portalinvite.PortalInvite}.
 */
public final class SignInThrottle {

    private final SignInBudgets budgets;
    private final SignInThrottleSettings settings;
    private final DeviceCookies cookies;

    /**
     * Creates the throttle.
     *
     * @param budgets the shared budget store
     * @param settings the budgets
     * @param cookies issues and checks device cookies
     */
    public SignInThrottle(SignInBudgets budgets, SignInThrottleSettings settings, DeviceCookies cookies) {
        this.budgets = Objects.requireNonNull(budgets, "budgets");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.cookies = Objects.requireNonNull(cookies, "cookies");
    }

    /**
     * Takes one attempt from the client address's budget.
     *
     * @param client the client
     * @return how long to wait when the address has no attempt left; empty when the attempt may go on
     *     (also when the address is unknown)
     */
    public Optional<Duration> refusedForAddress(SignInClient client) {
        String address = client.address();
        if (address == null) {
            return Optional.empty();
        }
        BudgetDecision decision = budgets.tryTake("a:" + digest("address|" + address), settings.perAddress());
        return decision.allowed() ? Optional.empty() : Optional.of(atLeastOneSecond(decision.retryAfter()));
    }

    /**
     * Takes one attempt from the budget of the email tried, when a per-email budget is set. The key
     * is a digest of the email's lookup form, whether or not an account has it, so the answer is the
     * same for known and unknown emails.
     *
     * @param emailKey the email as looked up (lower-cased), or as typed when it does not parse
     * @return how long sign-in with this email is paused; empty when the attempt may go on
     */
    public Optional<Duration> pausedForEmail(String emailKey) {
        Budget perEmail = settings.perEmail();
        if (perEmail == null) {
            return Optional.empty();
        }
        BudgetDecision decision = budgets.tryTake("e:" + digest("email|" + emailKey), perEmail);
        return decision.allowed() ? Optional.empty() : Optional.of(atLeastOneSecond(decision.retryAfter()));
    }

    /**
     * Tells whether the attempt comes from a known device of the account: its cookie is valid for the
     * account and the device's budget has an attempt left, which this takes.
     *
     * @param client the client
     * @param account the account the attempt is for
     * @return true when the attempt is throttled on the device's budget, not the account's lockout
     */
    public boolean fromKnownDevice(SignInClient client, AccountId account) {
        Optional<String> device = cookies.verify(client.deviceCookie(), account.value());
        return device.isPresent()
                && budgets.tryTake("d:" + digest("device|" + device.get()), settings.perDevice())
                        .allowed();
    }

    /**
     * Takes one second-factor attempt for an account: from the client address's budget, then from
     * the device's own second-factor budget when the client presents a valid device cookie of the
     * account, otherwise (or once the device's budget is spent) from the account's second-factor
     * budget. Someone guessing codes from elsewhere thus exhausts the account's budget, not the
     * owner's known device.
     *
     * @param client the client
     * @param account the account whose code is tried
     * @return how long to wait when no attempt is left; empty when the attempt may go on
     */
    public Optional<Duration> refusedForSecondFactor(SignInClient client, AccountId account) {
        Optional<Duration> address = refusedForAddress(client);
        if (address.isPresent()) {
            return address;
        }
        Optional<String> device = cookies.verify(client.deviceCookie(), account.value());
        if (device.isPresent()
                && budgets.tryTake("f:" + digest("second-factor-device|" + device.get()), settings.perDevice())
                        .allowed()) {
            return Optional.empty();
        }
        BudgetDecision decision =
                budgets.tryTake("s:" + digest("second-factor|" + account.value()), settings.secondFactorPerAccount());
        return decision.allowed() ? Optional.empty() : Optional.of(atLeastOneSecond(decision.retryAfter()));
    }

    /**
     * Issues the device cookie for an account that just signed in.
     *
     * @param account the account
     * @return the cookie value
     */
    public String issueDeviceCookie(AccountId account) {
        return cookies.issue(account.value());
    }

    /**
     * Returns how long a device cookie stays valid, for the cookie's {@code Max-Age}.
     *
     * @return the lifetime
     */
    public Duration deviceCookieLifetime() {
        return cookies.lifetime();
    }

    private static Duration atLeastOneSecond(Duration d) {
        return d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : d;
    }

    private static String digest(String value) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
