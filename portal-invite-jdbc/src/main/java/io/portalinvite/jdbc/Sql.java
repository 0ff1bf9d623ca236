package io.portalinvite.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The few JDBC mechanics the stores share: statements with bound parameters, row mapping, and the
 * one way instants are stored (UTC {@link LocalDateTime}, which drivers pass through without applying
 * the session's time zone).
 */
final class Sql {

    private final ConnectionProvider connections;

    Sql(ConnectionProvider connections) {
        this.connections = connections;
    }

    /** A typed SQL NULL, so every driver knows the parameter's type. */
    record Null(int sqlType) {
    }

    static final Null NULL_TEXT = new Null(Types.VARCHAR);
    static final Null NULL_TIMESTAMP = new Null(Types.TIMESTAMP);
    static final Null NULL_DATE = new Null(Types.DATE);

    /** One statement with its parameters, to be sent alone or together with others. */
    record Bound(String sql, Object[] args) {
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    int update(String operation, String sql, Object... args) {
        try {
            Connection c = connections.getConnection();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, args);
                return ps.executeUpdate();
            } finally {
                connections.releaseConnection(c);
            }
        } catch (SQLException e) {
            throw new JdbcStoreException(operation, e);
        }
    }

    int update(String operation, Bound statement) {
        return update(operation, statement.sql(), statement.args());
    }

    /**
     * Sends several single-row writes in one round trip, as one multi-statement command (PostgreSQL's
     * driver runs {@code a; b; c} with numbered parameters as one pipeline). Each must change exactly
     * one row.
     */
    void updateTogether(String operation, List<Bound> statements) {
        StringBuilder joined = new StringBuilder();
        List<Object> args = new ArrayList<>();
        for (Bound b : statements) {
            if (joined.length() > 0) {
                joined.append(";\n");
            }
            joined.append(b.sql());
            args.addAll(List.of(b.args()));
        }
        try {
            Connection c = connections.getConnection();
            try (PreparedStatement ps = c.prepareStatement(joined.toString())) {
                bind(ps, args.toArray());
                boolean isResult = ps.execute();
                int updates = 0;
                while (true) {
                    if (isResult) {
                        ps.getResultSet().close();
                    } else {
                        int count = ps.getUpdateCount();
                        if (count == -1) {
                            break;
                        }
                        if (count != 1) {
                            throw new SQLException(operation + ": statement " + (updates + 1) + " changed " + count
                                    + " rows instead of 1");
                        }
                        updates++;
                    }
                    isResult = ps.getMoreResults();
                }
                if (updates != statements.size()) {
                    throw new SQLException(operation + ": " + updates + " of " + statements.size() + " statements ran");
                }
            } finally {
                connections.releaseConnection(c);
            }
        } catch (SQLException e) {
            throw new JdbcStoreException(operation, e);
        }
    }

    /**
     * Runs several queries in one round trip, as one multi-statement command (PostgreSQL's driver
     * sends {@code a; b; c} as one pipeline and returns one result set per query), mapping the rows
     * of the i-th query with the i-th mapper.
     */
    List<List<?>> queryTogether(String operation, List<Bound> statements, List<RowMapper<?>> mappers) {
        StringBuilder joined = new StringBuilder();
        List<Object> args = new ArrayList<>();
        for (Bound b : statements) {
            if (joined.length() > 0) {
                joined.append(";\n");
            }
            joined.append(b.sql());
            args.addAll(List.of(b.args()));
        }
        try {
            Connection c = connections.getConnection();
            try (PreparedStatement ps = c.prepareStatement(joined.toString())) {
                bind(ps, args.toArray());
                List<List<?>> results = new ArrayList<>(statements.size());
                boolean isResult = ps.execute();
                while (isResult || ps.getUpdateCount() != -1) {
                    if (!isResult) {
                        throw new SQLException(operation + ": statement " + (results.size() + 1) + " is not a query");
                    }
                    if (results.size() == mappers.size()) {
                        throw new SQLException(operation + ": more results than queries");
                    }
                    RowMapper<?> mapper = mappers.get(results.size());
                    List<Object> rows = new ArrayList<>();
                    try (ResultSet rs = ps.getResultSet()) {
                        while (rs.next()) {
                            rows.add(mapper.map(rs));
                        }
                    }
                    results.add(rows);
                    isResult = ps.getMoreResults();
                }
                if (results.size() != statements.size()) {
                    throw new SQLException(operation + ": " + results.size() + " of " + statements.size()
                            + " queries answered");
                }
                return results;
            } finally {
                connections.releaseConnection(c);
            }
        } catch (SQLException e) {
            throw new JdbcStoreException(operation, e);
        }
    }

    <T> List<T> query(String operation, String sql, RowMapper<T> mapper, Object... args) {
        try {
            Connection c = connections.getConnection();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    List<T> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(mapper.map(rs));
                    }
                    return out;
                }
            } finally {
                connections.releaseConnection(c);
            }
        } catch (SQLException e) {
            throw new JdbcStoreException(operation, e);
        }
    }

    <T> Optional<T> queryOne(String operation, String sql, RowMapper<T> mapper, Object... args) {
        List<T> rows = query(operation, sql, mapper, args);
        if (rows.size() > 1) {
            throw new IllegalStateException(operation + ": expected at most one row, got " + rows.size());
        }
        return rows.stream().findFirst();
    }

    static boolean isDuplicateKey(JdbcStoreException e) {
        String state = e.sqlState();
        return state != null && state.startsWith("23");
    }

    static Object ts(@Nullable Instant instant) {
        return instant == null ? NULL_TIMESTAMP : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Object date(@Nullable LocalDate date) {
        return date == null ? NULL_DATE : date;
    }

    static Object text(@Nullable Object value) {
        return value == null ? NULL_TEXT : value instanceof Enum<?> e ? e.name() : value.toString();
    }

    static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    static Instant requiredInstant(ResultSet rs, String column) throws SQLException {
        Instant value = instant(rs, column);
        if (value == null) {
            throw new SQLException("column " + column + " is unexpectedly NULL");
        }
        return value;
    }

    static @Nullable LocalDate localDate(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    static UUID uuid(ResultSet rs, String column) throws SQLException {
        return UUID.fromString(rs.getString(column));
    }

    static <E extends Enum<E>> @Nullable E enumOf(ResultSet rs, String column, Class<E> type) throws SQLException {
        String value = rs.getString(column);
        return value == null ? null : Enum.valueOf(type, value);
    }

    private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            int index = i + 1;
            if (arg instanceof Null n) {
                ps.setNull(index, n.sqlType());
            } else if (arg instanceof String s) {
                ps.setString(index, s);
            } else if (arg instanceof Integer n) {
                ps.setInt(index, n);
            } else if (arg instanceof Long n) {
                ps.setLong(index, n);
            } else if (arg instanceof Boolean b) {
                ps.setBoolean(index, b);
            } else if (arg instanceof LocalDateTime t) {
                ps.setObject(index, t, Types.TIMESTAMP);
            } else if (arg instanceof LocalDate d) {
                ps.setObject(index, d, Types.DATE);
            } else if (arg instanceof Instant t) {
                ps.setObject(index, LocalDateTime.ofInstant(t, ZoneOffset.UTC), Types.TIMESTAMP);
            } else if (arg instanceof UUID || arg instanceof Enum<?>) {
                ps.setString(index, text(arg).toString());
            } else {
                throw new IllegalArgumentException("unsupported parameter type " + arg.getClass().getName());
            }
        }
    }
}
