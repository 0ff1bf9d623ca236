package io.portalinvite.spring.jdbc;

import io.portalinvite.tx.TransactionRunner;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A {@link TransactionRunner} on Spring's transaction management, so that the library's writes join
 * the host's {@code @Transactional} work on the same {@link DataSource}.
 *
 * <p>When a Spring transaction already holds a connection of the data source, the work simply runs
 * in it: it commits or rolls back with the host's transaction, and an exception the host catches
 * does not mark that transaction rollback-only (as with portal-invite's own JDBC runner). Otherwise
 * the work runs in a {@link TransactionTemplate} with {@code PROPAGATION_REQUIRED}.
 */
public final class SpringTransactionRunner implements TransactionRunner {

    private static final Logger log = LoggerFactory.getLogger(SpringTransactionRunner.class);

    private final DataSource dataSource;
    private final TransactionTemplate template;

    /**
     * Creates a runner.
     *
     * @param dataSource the data source the stores use
     * @param transactionManager a transaction manager that binds connections of that data source
     *     (a {@code DataSourceTransactionManager}, {@code JdbcTransactionManager} or {@code JpaTransactionManager})
     */
    public SpringTransactionRunner(DataSource dataSource, PlatformTransactionManager transactionManager) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.template = new TransactionTemplate(Objects.requireNonNull(transactionManager, "transactionManager"));
        this.template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (TransactionSynchronizationManager.isActualTransactionActive()
                && TransactionSynchronizationManager.hasResource(dataSource)) {
            return work.get();
        }
        return template.execute(status -> work.get());
    }

    @Override
    public void afterCommit(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            runQuietly(action);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                runQuietly(action);
            }
        });
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.warn("after-commit action failed; the committed work stands", e);
        }
    }
}
