package io.portalinvite.jdbc;

import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells {@link JdbcTransactionRunner} whether a JTA transaction is active on the calling thread,
 * where one can be seen: jakarta.transaction must be on the class path, and a transaction
 * synchronization registry must be found — the standard JNDI name
 * {@code java:comp/TransactionSynchronizationRegistry} (Jakarta EE servers), else Narayana's
 * (Quarkus, standalone Narayana). Looked up once; without either, nothing is ever reported.
 *
 * <p>This class names no jakarta.transaction type itself, so it loads on hosts without that API.
 */
final class JtaGuard {

    private static final Logger log = LoggerFactory.getLogger(JtaGuard.class);

    /** JTA's {@code Status.STATUS_ACTIVE}. */
    private static final int STATUS_ACTIVE = 0;

    /** JTA's {@code Status.STATUS_MARKED_ROLLBACK}. */
    private static final int STATUS_MARKED_ROLLBACK = 1;

    private static final JtaGuard NONE = new JtaGuard(null, "none");

    private final @Nullable IntSupplier status;
    private final String source;

    private JtaGuard(@Nullable IntSupplier status, String source) {
        this.status = status;
        this.source = source;
    }

    /** Looks for a transaction synchronization registry; returns a guard that never reports when none is found. */
    static JtaGuard detect() {
        ClassLoader loader = JtaGuard.class.getClassLoader();
        try {
            Class.forName("jakarta.transaction.TransactionSynchronizationRegistry", false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return NONE;
        }
        try {
            JtaGuard found = JtaStatus.find();
            log.debug("JTA transactions are detected through {}", found == null ? "nothing" : found.source);
            return found == null ? NONE : found;
        } catch (LinkageError | RuntimeException e) {
            log.debug("no JTA transaction synchronization registry could be looked up", e);
            return NONE;
        }
    }

    /**
     * True when a JTA transaction that can still do work is associated with the calling thread
     * (active or marked rollback-only; not one that is completing, whose after-completion callbacks
     * may well begin new work).
     */
    boolean transactionActive() {
        if (status == null) {
            return false;
        }
        try {
            int s = status.getAsInt();
            return s == STATUS_ACTIVE || s == STATUS_MARKED_ROLLBACK;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The part that names jakarta.transaction types, loaded only once the API is known to be there. */
    private static final class JtaStatus {

        static @Nullable JtaGuard find() {
            jakarta.transaction.TransactionSynchronizationRegistry registry = fromJndi();
            String source = "JNDI java:comp/TransactionSynchronizationRegistry";
            if (registry == null) {
                registry = fromNarayana();
                source = "Narayana";
            }
            if (registry == null) {
                return null;
            }
            jakarta.transaction.TransactionSynchronizationRegistry found = registry;
            return new JtaGuard(found::getTransactionStatus, source);
        }

        private static jakarta.transaction.@Nullable TransactionSynchronizationRegistry fromJndi() {
            try {
                Object found = new javax.naming.InitialContext().lookup("java:comp/TransactionSynchronizationRegistry");
                return found instanceof jakarta.transaction.TransactionSynchronizationRegistry r ? r : null;
            } catch (javax.naming.NamingException | LinkageError | RuntimeException e) {
                return null;
            }
        }

        private static jakarta.transaction.@Nullable TransactionSynchronizationRegistry fromNarayana() {
            try {
                // stateless: every instance reads the transaction Narayana associates with the thread
                Object found = Class.forName(
                                "com.arjuna.ats.internal.jta.transaction.arjunacore.TransactionSynchronizationRegistryImple",
                                true,
                                JtaGuard.class.getClassLoader())
                        .getConstructor()
                        .newInstance();
                return found instanceof jakarta.transaction.TransactionSynchronizationRegistry r ? r : null;
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                return null;
            }
        }
    }
}
