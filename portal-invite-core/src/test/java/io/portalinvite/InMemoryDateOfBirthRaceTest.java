package io.portalinvite;

import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.storage.PortalStorage;

/** Runs the date-of-birth races on the in-memory stores. */
class InMemoryDateOfBirthRaceTest extends DateOfBirthRaceContract {

    @Override
    protected PortalStorage newStorage() {
        return new InMemoryPortalStorage();
    }

    @Override
    protected int repetitions() {
        return 30;
    }
}
