package io.portalinvite.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.PortalInvite;
import io.portalinvite.delivery.EmailSender;
import io.portalinvite.maintenance.MaintenanceService.MaintenanceReport;
import io.portalinvite.throttle.Budget;
import io.portalinvite.token.TokenKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The rows behind the database budgets: a key's budget is one row of {@code pi_sign_in_budget}
 * whose key is the opaque digest the throttle made, stamped with when its bucket is full again;
 * {@link JdbcSignInBudgets#purgeFull} deletes only rows past that time, and a purged budget starts
 * full.
 */
abstract class SignInBudgetRowsContract {

    abstract TestDatabase database();

    @Test
    void purgeFullWhenBucketFullAgainThenRowDeletedAndBudgetStartsFull() throws Exception {
        JdbcSignInBudgets budgets = database().freshStorage().signInBudgets();
        Budget five = new Budget(5, Duration.ofHours(1));
        for (int i = 0; i < 5; i++) {
            assertThat(budgets.tryTake("a:purge", five).allowed()).isTrue();
        }
        assertThat(budgets.tryTake("a:purge", five).allowed()).isFalse();
        long now = System.currentTimeMillis();

        assertThat(rows()).isEqualTo(1);
        assertThat(budgets.purgeFull(now, 100)).as("not full again yet").isZero();
        assertThat(budgets.purgeFull(now + Duration.ofHours(2).toMillis(), 100)).isEqualTo(1);

        assertThat(rows()).isZero();
        assertThat(budgets.tryTake("a:purge", five).allowed()).isTrue();
    }

    @Test
    void maintenanceSweepWhenBudgetsFullAgainThenTheirRowsPurged() throws Exception {
        JdbcPortalStorage storage = database().freshStorage();
        Budget five = new Budget(5, Duration.ofMinutes(15));
        storage.signInBudgets().tryTake("a:sweep-1", five);
        storage.signInBudgets().tryTake("d:sweep-2", five);
        assertThat(rows()).isEqualTo(2);
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofHours(1)), ZoneOffset.UTC);
        EmailSender nowhere = message -> {};
        try (PortalInvite portal = PortalInvite.builder()
                .storage(storage)
                .emailSender(nowhere)
                .tokenKey(TokenKey.of(new byte[32]))
                .clock(later)
                .build()) {

            MaintenanceReport report = portal.maintenance().sweep();

            assertThat(report.signInBudgetsPurged()).isEqualTo(2);
        }
        assertThat(rows()).isZero();
    }

    private int rows() throws Exception {
        try (Connection c = database().dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + JdbcSignInBudgets.TABLE)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
