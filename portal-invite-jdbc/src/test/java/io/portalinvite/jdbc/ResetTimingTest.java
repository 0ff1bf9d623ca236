package io.portalinvite.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.account.PortalAccount;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.reset.PasswordResetService.ResetRequestReceipt;
import io.portalinvite.testing.PortalFixture;
import io.portalinvite.testing.TimingComparison;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checklist E1 and E2 for the "forgot password" request (ASVS 6.3.8, no enumeration by message or
 * timing): a request for an unknown email gets the same receipt as one for a known account and does
 * the same work — a stand-in reset row and an already-cancelled outbox row instead of the real ones —
 * so the two cannot be told apart by time over 200 interleaved attempts each (or more, up to 1 000,
 * when other processes make the samples noisy). Each known attempt uses its own account, so no
 * account reaches the request limit and every known attempt takes the full path.
 *
 * <p>Measured on H2 through the JDBC stores, as a host runs it: each request is a handful of
 * statements, which is what an attacker's stopwatch sees; on the in-memory stores the whole request
 * takes ~0.15 ms and a log line's formatting is already a few percent of it.
 */
class ResetTimingTest {

    private static final int SAMPLES = Integer.getInteger("portal.invite.timing.samples", 200);
    private static final int MAX_SAMPLES = Math.max(1_000, SAMPLES);
    private static final int WARM_UP = 50;

    @Test
    void resetRequestWhenUnknownVersusKnownEmailThenSameReceiptAndTimesWithinFivePercentE2() {
        JdbcPortalStorage storage = TestDatabase.h2().freshStorage();
        PortalFixture f = new PortalFixture(storage);
        f.enablePortal();
        List<String> known = new ArrayList<>();
        storage.transactions().inTransaction(() -> {
            for (int i = 0; i < WARM_UP + MAX_SAMPLES; i++) {
                String email = "known-" + i + "@example.org";
                storage.accounts()
                        .insert(PortalAccount.activate(
                                EmailAddress.of(email), "$argon2id$unused", PortalFixture.START));
                known.add(email);
            }
            return null;
        });
        List<ResetRequestReceipt> answers = new ArrayList<>();

        TimingComparison.Result timing = TimingComparison.interleavedUntilSettled(
                "known email",
                i -> answers.add(f.portal.passwordReset().request(PortalFixture.PRACTICE, known.get(i))),
                "unknown email",
                i -> answers.add(
                        f.portal.passwordReset().request(PortalFixture.PRACTICE, "unknown-" + i + "@example.org")),
                SAMPLES,
                WARM_UP,
                0.05,
                MAX_SAMPLES);

        System.out.println("TIMING password reset request (E2): " + timing);
        assertThat(answers)
                .hasSize(2 * (timing.samples() + WARM_UP))
                .allSatisfy(a -> assertThat(a).isSameAs(ResetRequestReceipt.GENERIC));
        assertThat(storage.outbox().backlog(f.clock.instant()).pending())
                .as("the known path really queued its emails")
                .isEqualTo(timing.samples() + WARM_UP);
        assertThat(timing.pairedDifference()).as("wall clock: %s", timing).isLessThan(0.05);
        assertThat(timing.cpuMedianDifference()).as("work done: %s", timing).isLessThan(0.05);
    }
}
