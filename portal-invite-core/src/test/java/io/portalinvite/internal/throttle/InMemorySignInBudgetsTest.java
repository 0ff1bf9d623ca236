package io.portalinvite.internal.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.throttle.Budget;
import io.portalinvite.throttle.SignInBudgets;
import io.portalinvite.throttle.SignInBudgetsContract;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Runs the budget contract on the in-memory store, and checks its memory bound. */
class InMemorySignInBudgetsTest extends SignInBudgetsContract {

    @Override
    protected SignInBudgets newBudgets() {
        return new InMemorySignInBudgets();
    }

    @Test
    void tryTakeWhenMoreKeysThanKeptThenLeastRecentlyUsedDroppedAndStartsFullAgain() {
        InMemorySignInBudgets small = new InMemorySignInBudgets(2);
        Budget one = new Budget(1, Duration.ofHours(1));
        assertThat(small.tryTake("a:1", one).allowed()).isTrue();
        assertThat(small.tryTake("a:1", one).allowed()).isFalse();

        small.tryTake("a:2", one);
        small.tryTake("a:3", one);

        assertThat(small.tryTake("a:1", one).allowed())
                .as("dropped, so full again")
                .isTrue();
    }
}
