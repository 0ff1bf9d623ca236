package io.portalinvite.maintenance;

import io.portalinvite.contract.MaintenanceContract;
import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.storage.PortalStorage;

/** The maintenance contract on the in-memory stores. */
class InMemoryMaintenanceTest extends MaintenanceContract {

    @Override
    protected PortalStorage newStorage() {
        return new InMemoryPortalStorage();
    }
}
