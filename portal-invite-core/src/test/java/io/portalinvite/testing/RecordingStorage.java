package io.portalinvite.testing;

import io.portalinvite.audit.AuditEvent;
import io.portalinvite.storage.PortalStorage;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Wraps a {@link PortalStorage} and records every call made on its stores as {@code store.method},
 * in order, so that a test can compare the work two code paths do (e.g. a password-reset request
 * for a known and an unknown email) on any storage implementation.
 */
public final class RecordingStorage {

    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final List<AuditEvent> appended = Collections.synchronizedList(new ArrayList<>());
    private final PortalStorage storage;
    private volatile boolean recording;

    /**
     * Wraps a storage.
     *
     * @param real the storage to delegate to
     */
    public RecordingStorage(PortalStorage real) {
        this.storage = proxy(PortalStorage.class, real, "storage");
    }

    /** @return the recording storage to hand to the portal */
    public PortalStorage storage() {
        return storage;
    }

    /**
     * Records the store calls made by an action.
     *
     * @param action the action
     * @return the calls, in order
     */
    public synchronized List<String> record(Runnable action) {
        calls.clear();
        recording = true;
        try {
            action.run();
        } finally {
            recording = false;
        }
        return List.copyOf(calls);
    }

    /**
     * Returns every audit entry appended through this storage (including ones whose transaction
     * later rolled back), in order.
     *
     * @return the entries
     */
    public List<AuditEvent> appended() {
        return List.copyOf(appended);
    }

    @SuppressWarnings("unchecked")
    private <T> T proxy(Class<T> type, Object target, String name) {
        InvocationHandler handler = (p, method, args) -> {
            Object result = invoke(target, method, args);
            if (name.equals("audit")
                    && method.getName().equals("append")
                    && args != null
                    && args[0] instanceof AuditEvent event) {
                appended.add(event);
            }
            if (method.getDeclaringClass() == Object.class) {
                return result;
            }
            Class<?> returned = method.getReturnType();
            if (type == PortalStorage.class
                    && returned.isInterface()
                    && result != null
                    && returned.getPackageName().startsWith("io.portalinvite")
                    && method.getParameterCount() == 0) {
                return proxy(returned, result, method.getName());
            }
            if (recording && type != PortalStorage.class && !name.equals("transactions")) {
                calls.add(name + "." + method.getName());
            }
            return result;
        };
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
