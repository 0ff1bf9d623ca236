package io.portalinvite.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A transaction the database aborts as a deadlock or serialization victim is run again (its work was
 * rolled back whole); any other failure is not, and the retries are bounded.
 */
class JdbcTransactionRunnerRetryTest {

    private final TestDatabase db = TestDatabase.h2();
    private final JdbcTransactionRunner runner = new JdbcTransactionRunner(db.dataSource());

    @Test
    void inTransactionWhenDeadlockVictimThenRunAgainAndOnlyTheLastAttemptsWritesStay() throws SQLException {
        execute("CREATE TABLE IF NOT EXISTS retry_probe (n INT)");
        execute("DELETE FROM retry_probe");
        AtomicInteger attempts = new AtomicInteger();

        String result = runner.inTransaction(() -> {
            insertProbe(attempts.incrementAndGet());
            if (attempts.get() < 3) {
                throw new JdbcStoreException("insert account", new SQLException("deadlock", "40001"));
            }
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(attempts).hasValue(3);
        assertThat(count()).as("the two aborted attempts left nothing").isEqualTo(1);
    }

    @Test
    void inTransactionWhenDeadlockEveryTimeThenGivesUpAfterThreeAttempts() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> runner.inTransaction(() -> {
                    attempts.incrementAndGet();
                    throw new JdbcStoreException("insert account", new SQLException("deadlock", "40P01"));
                }))
                .isInstanceOfSatisfying(
                        JdbcStoreException.class, e -> assertThat(e.sqlState()).isEqualTo("40P01"));
        assertThat(attempts).hasValue(JdbcTransactionRunner.MAX_ATTEMPTS);
    }

    @Test
    void inTransactionWhenOtherFailureThenNotRunAgain() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> runner.inTransaction(() -> {
                    attempts.incrementAndGet();
                    throw new JdbcStoreException("insert account", new SQLException("duplicate", "23505"));
                }))
                .isInstanceOf(JdbcStoreException.class);
        assertThat(attempts).hasValue(1);
    }

    private void insertProbe(int n) {
        try (Statement s = runner.currentConnection().orElseThrow().createStatement()) {
            s.execute("INSERT INTO retry_probe (n) VALUES (" + n + ")");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void execute(String sql) throws SQLException {
        try (var c = db.dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private int count() throws SQLException {
        try (var c = db.dataSource().getConnection();
                Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT COUNT(*) FROM retry_probe")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
