package io.portalinvite.audit;

import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.storage.PortalStorage;

/** Runs {@link AuditStoreContract} on the in-memory stores. */
class InMemoryAuditStoreTest extends AuditStoreContract {

    @Override
    protected PortalStorage newStorage() {
        return new InMemoryPortalStorage();
    }
}
