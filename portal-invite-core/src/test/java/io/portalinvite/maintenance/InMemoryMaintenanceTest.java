package io.portalinvite.maintenance;

import io.portalinvite.InMemoryPortalStorage;
import io.portalinvite.PortalStorage;
import io.portalinvite.contract.MaintenanceContract;

/** The maintenance contract on the in-memory stores. */
class InMemoryMaintenanceTest extends MaintenanceContract {

    @Override
    protected PortalStorage newStorage() {
        return new InMemoryPortalStorage();
    }
}
