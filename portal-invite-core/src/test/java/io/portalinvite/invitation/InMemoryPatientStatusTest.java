package io.portalinvite.invitation;

import io.portalinvite.contract.PatientStatusContract;
import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.storage.PortalStorage;

/** Staff's view of patients' portal status on the in-memory stores. */
class InMemoryPatientStatusTest extends PatientStatusContract {

    @Override
    protected PortalStorage newStorage() {
        return new InMemoryPortalStorage();
    }
}
