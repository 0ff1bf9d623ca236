package io.portalinvite.spring.jdbc;

import io.portalinvite.jdbc.ConnectionProvider;
import java.sql.Connection;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * A {@link ConnectionProvider} that hands out the connection of the current Spring transaction (or a
 * fresh one outside a transaction) through {@link DataSourceUtils}.
 */
public final class SpringConnectionProvider implements ConnectionProvider {

    private final DataSource dataSource;

    /**
     * Creates a provider.
     *
     * @param dataSource the data source the stores use
     */
    public SpringConnectionProvider(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Returns the transaction's connection, or a new one outside a transaction.
     *
     * @return the connection
     */
    @Override
    public Connection getConnection() {
        return DataSourceUtils.getConnection(dataSource);
    }

    /**
     * Releases a connection: closes it unless it belongs to the current transaction.
     *
     * @param connection the connection from {@link #getConnection()}
     */
    @Override
    public void releaseConnection(Connection connection) {
        DataSourceUtils.releaseConnection(connection, dataSource);
    }
}
