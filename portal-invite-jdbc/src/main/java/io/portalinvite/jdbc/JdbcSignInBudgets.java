package io.portalinvite.jdbc;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.AbstractSelectForUpdateBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.LockAndGetResult;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.SelectForUpdateBasedTransaction;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.portalinvite.internal.throttle.InMemorySignInBudgets;
import io.portalinvite.throttle.Budget;
import io.portalinvite.throttle.BudgetDecision;
import io.portalinvite.throttle.SignInBudgets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link SignInBudgets} on table {@code pi_sign_in_budget}, so that every node of a host shares one
 * budget per key. The token buckets are Bucket4j's: on PostgreSQL its own
 * {@code bucket4j_jdk17-postgresql} proxy manager, on H2 and MariaDB (for which Bucket4j publishes
 * no module this project can use) Bucket4j's generic select-for-update proxy manager with the row
 * statements of those databases. Either way a bucket is read with {@code SELECT ... FOR UPDATE},
 * changed by Bucket4j's own code and written back in one short transaction of its own — outside the
 * library's and the host's transactions, so an attempt taken stays taken. Each row records when its
 * bucket would be full again ({@code expires_at}, epoch milliseconds); {@link #purgeFull} deletes
 * such rows.
 */
public final class JdbcSignInBudgets implements SignInBudgets {

    static final String TABLE = "pi_sign_in_budget";

    /** A row is kept this long after its bucket would be full again. */
    private static final ExpirationAfterWriteStrategy EXPIRY =
            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1));

    private final DataSource dataSource;
    private final ProxyManager<String> buckets;

    /**
     * Creates the store.
     *
     * @param dataSource the database, whose schema has the {@code V6} migration
     * @param platform which database it is
     */
    public JdbcSignInBudgets(DataSource dataSource, DatabasePlatform platform) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.buckets = switch (platform) {
            case POSTGRESQL ->
                Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                        .primaryKeyMapper(PrimaryKeyMapper.STRING)
                        .table(TABLE)
                        .idColumn("id")
                        .stateColumn("state")
                        .expiresAtColumn("expires_at")
                        .expirationAfterWrite(EXPIRY)
                        .build();
            case H2 ->
                new RowLockingBuckets(
                        dataSource, "INSERT INTO " + TABLE + " (id, state, expires_at) VALUES (?, NULL, NULL)");
            case MARIADB ->
                new RowLockingBuckets(
                        dataSource, "INSERT IGNORE INTO " + TABLE + " (id, state, expires_at) VALUES (?, NULL, NULL)");
        };
    }

    @Override
    public BudgetDecision tryTake(String key, Budget budget) {
        ConsumptionProbe probe = buckets.builder()
                .build(
                        key,
                        () -> BucketConfiguration.builder()
                                .addLimit(InMemorySignInBudgets.bandwidth(budget))
                                .build())
                .tryConsumeAndReturnRemaining(1);
        return probe.isConsumed()
                ? BudgetDecision.taken()
                : BudgetDecision.refused(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /**
     * Deletes up to {@code limit} budgets that are full again (a missing budget starts full, so
     * nothing changes for anyone), keeping the table as small as the recent attempts.
     *
     * @param nowMillis the current time, epoch milliseconds
     * @param limit the most rows to delete
     * @return how many were deleted
     */
    @Override
    public int purgeFull(Instant now, int limit) {
        return purgeFull(now.toEpochMilli(), limit);
    }

    /**
     * Deletes up to {@code limit} budgets full again at an epoch-millisecond time.
     *
     * @param nowMillis the current time, epoch milliseconds
     * @param limit the most rows to delete
     * @return how many were deleted
     */
    public int purgeFull(long nowMillis, int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select =
                        c.prepareStatement("SELECT id FROM " + TABLE + " WHERE expires_at < ? ORDER BY expires_at")) {
            select.setMaxRows(limit);
            select.setLong(1, nowMillis);
            int deleted = 0;
            try (ResultSet rs = select.executeQuery();
                    PreparedStatement delete =
                            c.prepareStatement("DELETE FROM " + TABLE + " WHERE id = ? AND expires_at < ?")) {
                while (rs.next()) {
                    delete.setString(1, rs.getString(1));
                    delete.setLong(2, nowMillis);
                    deleted += delete.executeUpdate();
                }
            }
            return deleted;
        } catch (SQLException e) {
            throw new JdbcStoreException("purge sign-in budgets", e);
        }
    }

    /**
     * Bucket4j's select-for-update proxy manager with the statements of H2 and MariaDB: lock the
     * row, insert it empty in its own transaction when missing (and let Bucket4j retry), write the
     * new state back.
     */
    private static final class RowLockingBuckets extends AbstractSelectForUpdateBasedProxyManager<String> {

        private final DataSource dataSource;
        private final String insertEmpty;

        RowLockingBuckets(DataSource dataSource, String insertEmpty) {
            super(ClientSideConfig.getDefault().withExpirationAfterWriteStrategy(EXPIRY));
            this.dataSource = dataSource;
            this.insertEmpty = insertEmpty;
        }

        @Override
        protected SelectForUpdateBasedTransaction allocateTransaction(String key, Optional<Long> timeoutNanos) {
            Connection connection;
            try {
                connection = dataSource.getConnection();
            } catch (SQLException e) {
                throw new JdbcStoreException("open a sign-in budget transaction", e);
            }
            return new RowTransaction(connection, key);
        }

        @Override
        public void removeProxy(String key) {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement delete = c.prepareStatement("DELETE FROM " + TABLE + " WHERE id = ?")) {
                delete.setString(1, key);
                delete.executeUpdate();
            } catch (SQLException e) {
                throw new JdbcStoreException("remove a sign-in budget", e);
            }
        }

        @Override
        public boolean isExpireAfterWriteSupported() {
            return true;
        }

        private final class RowTransaction implements SelectForUpdateBasedTransaction {

            private final Connection connection;
            private final String key;

            RowTransaction(Connection connection, String key) {
                this.connection = connection;
                this.key = key;
            }

            @Override
            public void begin(Optional<Long> timeoutNanos) {
                run(() -> connection.setAutoCommit(false));
            }

            @Override
            public LockAndGetResult tryLockAndGet(Optional<Long> timeoutNanos) {
                try (PreparedStatement select =
                        connection.prepareStatement("SELECT state FROM " + TABLE + " WHERE id = ? FOR UPDATE")) {
                    select.setString(1, key);
                    try (ResultSet rs = select.executeQuery()) {
                        if (!rs.next()) {
                            return LockAndGetResult.notLocked();
                        }
                        return LockAndGetResult.locked(rs.getBytes(1));
                    }
                } catch (SQLException e) {
                    if ("40001".equals(e.getSQLState())) {
                        // chosen as a deadlock victim while rows of this key were being created:
                        // the "not locked" path inserts nothing new (the row exists by now) and
                        // Bucket4j retries the whole attempt
                        return LockAndGetResult.notLocked();
                    }
                    throw new JdbcStoreException("lock a sign-in budget", e);
                }
            }

            @Override
            public boolean tryInsertEmptyData(Optional<Long> timeoutNanos) {
                // The failed SELECT ... FOR UPDATE left a gap lock (InnoDB) that every concurrent
                // attempt on the same missing row holds too; inserting under it deadlocks them all, and
                // their retries take the gap again: a livelock under parallel sign-ins for one email.
                // So the empty row is inserted in a transaction of its own, after giving the gap up.
                try (PreparedStatement insert = connection.prepareStatement(insertEmpty)) {
                    connection.rollback();
                    insert.setString(1, key);
                    boolean inserted = insert.executeUpdate() > 0;
                    connection.commit();
                    return inserted;
                } catch (SQLException e) {
                    String state = e.getSQLState();
                    if (state != null && (state.startsWith("23") || state.equals("40001"))) {
                        // another node inserted it a moment earlier (or both locked the same gap and
                        // the database chose this one as the deadlock victim): Bucket4j rolls back,
                        // retries and locks that row
                        return false;
                    }
                    throw new JdbcStoreException("create a sign-in budget", e);
                }
            }

            @Override
            public void update(byte[] data, RemoteBucketState newState, Optional<Long> timeoutNanos) {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE " + TABLE + " SET state = ?, expires_at = ? WHERE id = ?")) {
                    update.setBytes(1, data);
                    long ttl = EXPIRY.calculateTimeToLiveMillis(newState, currentTimeNanos());
                    update.setLong(2, System.currentTimeMillis() + ttl);
                    update.setString(3, key);
                    update.executeUpdate();
                } catch (SQLException e) {
                    throw new JdbcStoreException("write a sign-in budget", e);
                }
            }

            @Override
            public void rollback() {
                run(connection::rollback);
            }

            @Override
            public void commit(Optional<Long> timeoutNanos) {
                run(connection::commit);
            }

            @Override
            public void release() {
                run(connection::close);
            }

            private void run(SqlAction action) {
                try {
                    action.run();
                } catch (SQLException e) {
                    throw new JdbcStoreException("sign-in budget transaction", e);
                }
            }
        }
    }

    @FunctionalInterface
    private interface SqlAction {
        void run() throws SQLException;
    }

    @Override
    public String toString() {
        return "JdbcSignInBudgets[" + TABLE + "]";
    }
}
