package io.portalinvite.micrometer;

import io.portalinvite.delivery.OutboxStore;
import io.portalinvite.storage.PortalStorage;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.UnaryOperator;

/** Stores that behave like the real ones except where a test steps in. */
public final class StorageProxies {

    private StorageProxies() {}

    /**
     * Returns the storage with its outbox replaced.
     *
     * @param storage the real storage
     * @param outbox changes the outbox
     * @return the storage
     */
    public static PortalStorage withOutbox(PortalStorage storage, UnaryOperator<OutboxStore> outbox) {
        OutboxStore replaced = outbox.apply(storage.outbox());
        return proxy(
                PortalStorage.class,
                storage,
                (target, method, args) -> method.getName().equals("outbox") ? replaced : invoke(storage, method, args));
    }

    /**
     * Returns the outbox with a step run before each backlog read.
     *
     * @param outbox the real outbox
     * @param before run before each read; may throw
     * @return the outbox
     */
    public static OutboxStore onBacklog(OutboxStore outbox, Runnable before) {
        return proxy(OutboxStore.class, outbox, (target, method, args) -> {
            if (method.getName().equals("backlog")) {
                before.run();
            }
            return invoke(outbox, method, args);
        });
    }

    private static <T> T proxy(Class<T> type, T real, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
