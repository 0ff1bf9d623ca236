package io.portalinvite.audit;

import io.portalinvite.InMemoryPortalStorage;
import io.portalinvite.PortalStorage;

/** Runs {@link AuditStoreContract} on the in-memory stores. */
class InMemoryAuditStoreTest extends AuditStoreContract {

    @Override
    protected PortalStorage newStorage() {
        return new InMemoryPortalStorage();
    }
}
