package io.portalinvite.jdbc;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a transaction that the runner itself began again when the database aborted it as a deadlock
 * or serialization victim (SQL state {@code 40001} or {@code 40P01}; InnoDB does this to concurrent
 * inserts of one unique key, for instance): everything it did was rolled back, so running it again
 * is safe. A transaction joined from the host is never run again: only the host can.
 */
final class DeadlockRetry {

    private static final Logger log = LoggerFactory.getLogger(DeadlockRetry.class);

    /** Attempts of one transaction when the database aborts it as a deadlock or serialization victim. */
    static final int MAX_ATTEMPTS = 3;

    private DeadlockRetry() {}

    /**
     * Runs one attempt after another until one succeeds, fails for another reason, or the attempts
     * are used up.
     *
     * @param attempt one whole transaction, begun and ended by the caller
     * @return its result
     */
    static <T> T run(Supplier<T> attempt) {
        for (int n = 1; ; n++) {
            try {
                return attempt.get();
            } catch (JdbcStoreException e) {
                if (n >= MAX_ATTEMPTS || !isTransient(e.sqlState())) {
                    throw e;
                }
                log.debug("transaction aborted by the database (SQL state {}); running it again", e.sqlState());
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextInt(1, 10 * n + 1));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Deadlock victim or serialization failure: the database rolled the whole transaction back. */
    static boolean isTransient(@Nullable String sqlState) {
        return "40001".equals(sqlState) || "40P01".equals(sqlState);
    }
}
