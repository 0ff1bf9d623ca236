package io.portalinvite.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import io.portalinvite.authenticator.AuthenticatorService;
import io.portalinvite.authenticator.PasskeyCredential;
import io.portalinvite.authenticator.SecondFactorCheck;
import io.portalinvite.authenticator.TotpSetup;
import io.portalinvite.common.AccountId;
import io.portalinvite.common.ValidationException;
import io.portalinvite.settings.SecondFactorPolicy;
import io.portalinvite.storage.PortalStorage;
import io.portalinvite.testing.HostileCorpus;
import io.portalinvite.testing.PortalFixture;
import io.portalinvite.testing.StoreTestData;
import io.portalinvite.throttle.Budget;
import io.portalinvite.throttle.SignInClient;
import io.portalinvite.throttle.SignInThrottleSettings;
import java.security.InvalidKeyException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.util.encoders.Base32;
import org.junit.jupiter.api.Test;

/**
 * The hostile-input corpus through the second factor's entry points: every line as a TOTP code, a
 * recovery code, a passkey label and a credential id is refused (a wrong code, a typed validation
 * error or "no such passkey"), never accepted, never an unexpected exception, and the account's
 * real codes still work afterwards.
 */
public abstract class SecondFactorHostileInputContract {

    private static final SignInClient CLIENT = new SignInClient("203.0.113.50", null);

    /**
     * Creates fresh, empty stores for one test.
     *
     * @return the storage under test
     */
    protected abstract PortalStorage newStorage();

    @Test
    void secondFactorEntryPointsWhenGivenACorpusValueThenRefusedAndRealCodesStillWork() {
        PortalFixture f = new PortalFixture(
                newStorage(),
                b -> b.authenticatorKey(new SecretKeySpec(new byte[16], "AES"))
                        .signInThrottle(new SignInThrottleSettings(
                                new Budget(100_000, Duration.ofMinutes(1)),
                                new Budget(100_000, Duration.ofMinutes(1)),
                                Duration.ofDays(30),
                                new Budget(100_000, Duration.ofMinutes(1)))));
        f.enablePortal(b -> b.secondFactor(SecondFactorPolicy.OPTIONAL));
        var holder = StoreTestData.account("hostile@example.org");
        f.storage.transactions().inTransaction(() -> f.storage.accounts().insert(holder));
        AccountId account = holder.id();
        AuthenticatorService authenticators = f.portal.authenticators();
        TotpSetup setup = authenticators.startTotpEnrolment(account, PortalFixture.PRACTICE);
        List<String> problems = new ArrayList<>();
        for (HostileCorpus.Entry e : HostileCorpus.entries()) {
            expect(problems, "confirm " + e, () -> authenticators.confirmTotp(account, e.value()), false);
        }
        assertThat(authenticators.confirmTotp(account, code(setup, f))).isTrue();
        List<String> recoveryCodes = authenticators.issueRecoveryCodes(account);
        authenticators.addPasskey(new PasskeyCredential(
                "aG9zdGlsZQ", account, new byte[] {1}, 0, List.of(), "aG9zdGlsZQ", "Phone", f.clock.instant(), null));

        for (HostileCorpus.Entry e : HostileCorpus.entries()) {
            expectRefusedCheck(problems, "totp " + e, () -> authenticators.verifyTotp(account, e.value(), CLIENT));
            expectRefusedCheck(
                    problems, "recovery code " + e, () -> authenticators.useRecoveryCode(account, e.value(), CLIENT));
            expect(problems, "remove passkey " + e, () -> authenticators.removePasskey(account, e.value()), false);
            try {
                boolean renamed = authenticators.renamePasskey(account, "aG9zdGlsZQ", e.value());
                String label = authenticators.passkeys(account).get(0).label();
                if (!renamed || !label.equals(e.value().strip())) {
                    problems.add("rename " + e + ": stored " + label);
                }
            } catch (ValidationException refused) {
                // a typed refusal naming the field is the documented answer
                if (refused.violations().stream().noneMatch(v -> v.field().equals("passkey.label"))) {
                    problems.add("rename " + e + ": refused naming " + refused.violations());
                }
            } catch (RuntimeException unexpected) {
                problems.add("rename " + e + ": " + unexpected);
            }
        }
        assertThat(problems).isEmpty();
        f.clock.advance(Duration.ofSeconds(30));
        assertThat(authenticators.verifyTotp(account, code(setup, f), CLIENT).accepted())
                .isTrue();
        assertThat(authenticators
                        .useRecoveryCode(account, recoveryCodes.get(0), CLIENT)
                        .accepted())
                .isTrue();
        assertThat(authenticators.passkeys(account)).hasSize(1);
    }

    private static void expectRefusedCheck(List<String> problems, String where, Supplier<SecondFactorCheck> call) {
        try {
            SecondFactorCheck check = call.get();
            if (check.accepted() || check.rateLimited()) {
                problems.add(where + ": answered " + check);
            }
        } catch (RuntimeException e) {
            problems.add(where + ": " + e);
        }
    }

    private static void expect(List<String> problems, String where, Supplier<Boolean> call, boolean expected) {
        try {
            if (call.get() != expected) {
                problems.add(where + ": answered " + !expected);
            }
        } catch (RuntimeException e) {
            problems.add(where + ": " + e);
        }
    }

    private static String code(TotpSetup setup, PortalFixture f) {
        try {
            int code = new TimeBasedOneTimePasswordGenerator()
                    .generateOneTimePassword(
                            new SecretKeySpec(Base32.decode(setup.secret()), "HmacSHA1"), f.clock.instant());
            return String.format(Locale.ROOT, "%06d", code);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
