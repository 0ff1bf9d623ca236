package io.portalinvite.spring.boot.autoconfigure;

import io.portalinvite.jdbc.DatabasePlatform;
import io.portalinvite.jdbc.JdbcPortalStorage;
import io.portalinvite.spring.jdbc.SpringConnectionProvider;
import io.portalinvite.spring.jdbc.SpringTransactionRunner;
import io.portalinvite.storage.PortalStorage;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.EmbeddedDatabaseConnection;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * JDBC stores on the application's {@link DataSource}, joined to Spring-managed transactions: a
 * {@code @Transactional} method that saves a patient and invites commits or rolls back both, and
 * nothing is sent for a rollback. Applies the schema per {@code portal.invite.jdbc.initialize-schema}
 * after the host's own Flyway or Liquibase has run, and refuses to start when a migration is missing.
 */
@AutoConfiguration(
        before = PortalInviteAutoConfiguration.class,
        afterName = {
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
            "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
            "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration"
        })
@ConditionalOnProperty(prefix = "portal.invite", name = "enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnClass({
    DataSource.class,
    DataSourceUtils.class,
    PlatformTransactionManager.class,
    EmbeddedDatabaseConnection.class
})
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(PortalInviteProperties.class)
public class PortalInviteJdbcAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PortalInviteJdbcAutoConfiguration.class);

    /** Creates the configuration; instantiated by Spring. */
    public PortalInviteJdbcAutoConfiguration() {}

    /**
     * Applies the schema scripts when {@code portal.invite.jdbc.initialize-schema} asks for it
     * (default: embedded databases only), after the host's database initializers (Flyway, Liquibase,
     * SQL scripts), then checks that every migration is in place.
     *
     * @param dataSource the database
     * @param properties the settings
     * @return the initializer
     */
    @Bean
    @ConditionalOnMissingBean
    @DependsOnDatabaseInitialization
    public PortalSchemaInitializer portalInviteSchemaInitializer(
            DataSource dataSource, PortalInviteProperties properties) {
        return new PortalSchemaInitializer(
                dataSource,
                DatabasePlatform.detect(dataSource),
                properties.getJdbc().getInitializeSchema());
    }

    /**
     * The JDBC stores. With a single {@link PlatformTransactionManager} they join its transactions;
     * without one they use portal-invite's own JDBC transactions.
     *
     * @param dataSource the database
     * @param transactionManager the host's transaction manager, if unique
     * @param schema the initializer, run first
     * @return the storage
     */
    @Bean
    @ConditionalOnMissingBean(PortalStorage.class)
    public JdbcPortalStorage portalInviteJdbcStorage(
            DataSource dataSource,
            ObjectProvider<PlatformTransactionManager> transactionManager,
            PortalSchemaInitializer schema) {
        JdbcPortalStorage.Builder builder = JdbcPortalStorage.builder(dataSource);
        PlatformTransactionManager tm = transactionManager.getIfUnique();
        if (tm != null) {
            builder.hostTransactions(
                    new SpringTransactionRunner(dataSource, tm), new SpringConnectionProvider(dataSource));
        } else {
            log.info("portal-invite found no unique PlatformTransactionManager: its JDBC stores use their own "
                    + "transactions and do not join the application's");
        }
        return builder.build();
    }
}
