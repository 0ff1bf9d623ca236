package io.portalinvite.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.testing.Race;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SignInBudgets} must have: a new key starts with a full budget, each
 * call takes one attempt, a spent budget refuses with the time until the next attempt, keys are
 * independent, and concurrent calls never take more than the budget holds.
 *
 * <p>Subclass it with a fresh, empty store per test.
 */
public abstract class SignInBudgetsContract {

    private static final Budget FIVE_PER_HOUR = new Budget(5, Duration.ofHours(1));

    private SignInBudgets budgets;

    /**
     * Creates a fresh, empty store.
     *
     * @return the store under test
     */
    protected abstract SignInBudgets newBudgets();

    @BeforeEach
    void createStore() {
        budgets = newBudgets();
    }

    @Test
    void tryTakeWhenBudgetHasAttemptsThenTakenUntilSpentThenRefusedWithWait() {
        for (int i = 0; i < 5; i++) {
            assertThat(budgets.tryTake("a:key-1", FIVE_PER_HOUR).allowed())
                    .as("attempt %d", i + 1)
                    .isTrue();
        }

        BudgetDecision refused = budgets.tryTake("a:key-1", FIVE_PER_HOUR);

        assertThat(refused.allowed()).isFalse();
        // one attempt comes back every 12 minutes
        assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(12));
        assertThat(refused.retryAfter()).isGreaterThan(Duration.ofMinutes(11));
    }

    @Test
    void tryTakeWhenOtherKeySpentThenThisKeyStillFull() {
        for (int i = 0; i < 6; i++) {
            budgets.tryTake("a:spent", FIVE_PER_HOUR);
        }

        assertThat(budgets.tryTake("a:spent", FIVE_PER_HOUR).allowed()).isFalse();
        assertThat(budgets.tryTake("d:fresh", FIVE_PER_HOUR).allowed()).isTrue();
    }

    @Test
    void tryTakeWhenThirtyTwoCallsRaceThenExactlyTheBudgetTakenEveryRound() {
        Budget ten = new Budget(10, Duration.ofHours(1));
        try (Race race = new Race(32)) {
            for (int round = 0; round < 10; round++) {
                String key = "a:race-" + round;

                List<Race.Outcome<BudgetDecision>> outcomes = race.run(i -> () -> budgets.tryTake(key, ten));

                assertThat(outcomes).as("round %d: no call may fail", round).allMatch(Race.Outcome::returned);
                assertThat(outcomes)
                        .as("round %d: attempts taken", round)
                        .filteredOn(o -> o.value() != null && o.value().allowed())
                        .hasSize(10);
                assertThat(budgets.tryTake(key, ten).allowed()).isFalse();
            }
        }
    }
}
