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
import java.util.Objects;
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
    record Null(int sqlType) {}

    static final Null NULL_TEXT = new Null(Types.VARCHAR);
    static final Null NULL_TIMESTAMP = new Null(Types.TIMESTAMP);
    static final Null NULL_DATE = new Null(Types.DATE);

    /** One statement with its parameters, to be sent alone or together with others. */
    record Bound(String sql, Object[] args) {}

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

    /** Joins statements into one multi-statement command with their parameters in order. */
    private static Bound joined(List<Bound> statements) {
        StringBuilder sql = new StringBuilder();
        List<Object> args = new ArrayList<>();
        for (Bound b : statements) {
            if (sql.length() > 0) {
                sql.append(";\n");
            }
            sql.append(b.sql());
            args.addAll(List.of(b.args()));
        }
        return new Bound(sql.toString(), args.toArray());
    }

    /**
     * Sends several single-row writes in one round trip, as one multi-statement command (PostgreSQL's
     * driver runs {@code a; b; c} with numbered parameters as one pipeline). Each must change exactly
     * one row.
     */
    void updateTogether(String operation, List<Bound> statements) {
        updateTogether(operation, 0, statements);
    }

    /**
     * As {@link #updateTogether(String, List)}, where the first {@code anyCount} statements may change
     * any number of rows (a conditional tidy-up before the writes).
     */
    void updateTogether(String operation, int anyCount, List<Bound> statements) {
        Bound joined = joined(statements);
        try {
            Connection c = connections.getConnection();
            try (PreparedStatement ps = c.prepareStatement(joined.sql())) {
                bind(ps, joined.args());
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
                        if (count != 1 && updates >= anyCount) {
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
        Bound joined = joined(statements);
        try {
            Connection c = connections.getConnection();
            try (PreparedStatement ps = c.prepareStatement(joined.sql())) {
                bind(ps, joined.args());
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
                    throw new SQLException(
                            operation + ": " + results.size() + " of " + statements.size() + " queries answered");
                }
                return results;
            } finally {
                connections.releaseConnection(c);
            }
        } catch (SQLException e) {
            throw new JdbcStoreException(operation, e);
        }
    }

    /**
     * Writes many rows of one single-row {@code INSERT ... VALUES (?, ...)} statement as multi-row
     * inserts — {@code VALUES (...), (...), ...} with up to {@value #MAX_ROWS_PER_INSERT} rows and
     * {@value #MAX_PARAMETERS_PER_INSERT} parameters each — which every supported database accepts
     * and which costs one statement per group instead of one per row. Every row must be written.
     */
    void insertRows(String operation, List<Bound> statements) {
        if (statements.isEmpty()) {
            return;
        }
        String text = statements.get(0).sql();
        int values = text.indexOf(" VALUES ");
        if (!text.startsWith("INSERT ") || values < 0) {
            throw new IllegalArgumentException("insertRows takes single-row INSERT ... VALUES statements");
        }
        String prefix = text.substring(0, values + " VALUES ".length());
        String group = text.substring(values + " VALUES ".length()).strip();
        int params = statements.get(0).args().length;
        int perInsert = Math.max(1, Math.min(MAX_ROWS_PER_INSERT, MAX_PARAMETERS_PER_INSERT / Math.max(1, params)));
        for (int from = 0; from < statements.size(); from += perInsert) {
            List<Bound> part = statements.subList(from, Math.min(statements.size(), from + perInsert));
            StringBuilder sql = new StringBuilder(prefix.length() + part.size() * (group.length() + 2)).append(prefix);
            Object[] args = new Object[part.size() * params];
            for (int i = 0; i < part.size(); i++) {
                Bound b = part.get(i);
                if (!b.sql().equals(text) || b.args().length != params) {
                    throw new IllegalArgumentException("insertRows writes rows of one statement");
                }
                sql.append(i == 0 ? "" : ", ").append(group);
                System.arraycopy(b.args(), 0, args, i * params, params);
            }
            int written = update(operation, sql.toString(), args);
            if (written != part.size()) {
                throw new JdbcStoreException(
                        operation, new SQLException(operation + ": wrote " + written + " of " + part.size() + " rows"));
            }
        }
    }

    /** Rows per multi-row insert. */
    static final int MAX_ROWS_PER_INSERT = 250;
    /** Parameters per statement, well under every driver's limit (PostgreSQL's is 65 535). */
    static final int MAX_PARAMETERS_PER_INSERT = 10_000;

    /** Returns {@code ?, ?, ?} with {@code n} placeholders, for an {@code IN} list. */
    static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
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

    static <E extends Enum<E>> E requiredEnum(ResultSet rs, String column, Class<E> type) throws SQLException {
        return Enum.valueOf(type, Objects.requireNonNull(rs.getString(column), column));
    }

    static LocalDate requiredDate(ResultSet rs, String column) throws SQLException {
        return Objects.requireNonNull(rs.getObject(column, LocalDate.class), column);
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
            } else if (arg instanceof byte[] bytes) {
                ps.setBytes(index, bytes);
            } else if (arg instanceof String[] values) {
                ps.setArray(index, ps.getConnection().createArrayOf("VARCHAR", values));
            } else if (arg instanceof UUID || arg instanceof Enum<?>) {
                ps.setString(index, text(arg).toString());
            } else {
                throw new IllegalArgumentException(
                        "unsupported parameter type " + arg.getClass().getName());
            }
        }
    }
}
