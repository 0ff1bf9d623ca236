package io.portalinvite.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A data source in front of a real one that injects the faults of a failing database server:
 * it can be made unreachable (every {@code getConnection} is refused, as when the server is down or
 * the network is cut), and it can have the server kill a connection in the middle of a transaction —
 * right before a chosen statement or right before the commit — the way an administrator's
 * {@code pg_terminate_backend(pid)} or MariaDB's {@code KILL id}, a fail-over or a crashed server
 * does. The kill comes from another connection, so the victim learns of it only from the driver, as
 * in production.
 */
final class FaultyDataSource implements InvocationHandler {

    private final DataSource delegate;
    private final DatabasePlatform platform;
    private final DataSource proxy;
    private final AtomicBoolean unavailable = new AtomicBoolean();
    private final AtomicInteger connectionAttempts = new AtomicInteger();
    private final AtomicInteger kills = new AtomicInteger();
    private final AtomicReference<@Nullable Predicate<String>> killBeforeStatement = new AtomicReference<>();
    private final AtomicBoolean killAtCommit = new AtomicBoolean();

    FaultyDataSource(DataSource delegate, DatabasePlatform platform) {
        this.delegate = delegate;
        this.platform = platform;
        this.proxy = (DataSource)
                Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, this);
    }

    /** @return the data source to give the library */
    DataSource dataSource() {
        return proxy;
    }

    /** Refuses (true) or allows again (false) every new connection. */
    void unavailable(boolean down) {
        unavailable.set(down);
    }

    /** @return how many connections were asked for, refused ones included */
    int connectionAttempts() {
        return connectionAttempts.get();
    }

    /** @return how many connections were killed */
    int kills() {
        return kills.get();
    }

    /** The next statement whose SQL matches is preceded by the server killing its connection. Once. */
    void killBeforeStatement(Predicate<String> sql) {
        killBeforeStatement.set(sql);
    }

    /** The next commit is preceded by the server killing the connection: every write is in, none committed. Once. */
    void killAtCommit() {
        killAtCommit.set(true);
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("getConnection")) {
            connectionAttempts.incrementAndGet();
            if (unavailable.get()) {
                throw new SQLTransientConnectionException("injected: the database server is unreachable", "08001");
            }
            Connection real = (Connection) call(delegate, method, args);
            return Proxy.newProxyInstance(
                    Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class},
                    (p, m, a) -> connectionCall(real, m, a));
        }
        return call(delegate, method, args);
    }

    private Object connectionCall(Connection real, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if ((name.equals("prepareStatement") || name.equals("prepareCall"))
                && args != null
                && args[0] instanceof String sql) {
            Predicate<String> trigger = killBeforeStatement.get();
            if (trigger != null && trigger.test(sql) && killBeforeStatement.compareAndSet(trigger, null)) {
                kill(real);
            }
        } else if (name.equals("commit") && killAtCommit.compareAndSet(true, false)) {
            kill(real);
        }
        return call(real, method, args);
    }

    /** Has the server end the victim's session from another connection, and waits until it is gone. */
    private void kill(Connection victim) throws SQLException {
        long id;
        String whoAmI = platform == DatabasePlatform.POSTGRESQL ? "SELECT pg_backend_pid()" : "SELECT CONNECTION_ID()";
        try (Statement s = victim.createStatement();
                ResultSet rs = s.executeQuery(whoAmI)) {
            rs.next();
            id = rs.getLong(1);
        }
        try (Connection killer = delegate.getConnection();
                Statement s = killer.createStatement()) {
            String stillThere;
            if (platform == DatabasePlatform.POSTGRESQL) {
                s.execute("SELECT pg_terminate_backend(" + id + ")");
                stillThere = "SELECT COUNT(*) FROM pg_stat_activity WHERE pid = " + id;
            } else if (platform == DatabasePlatform.MARIADB) {
                s.execute("KILL " + id);
                stillThere = "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = " + id;
            } else {
                throw new IllegalStateException("no way to kill a session on " + platform);
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = s.executeQuery(stillThere)) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        break;
                    }
                }
                Thread.onSpinWait();
            }
        }
        kills.incrementAndGet();
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
