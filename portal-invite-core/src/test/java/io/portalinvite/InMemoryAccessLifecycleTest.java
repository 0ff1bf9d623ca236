package io.portalinvite;

/** Runs the lifecycle contract on the in-memory stores. */
class InMemoryAccessLifecycleTest extends AccessLifecycleContract {

    @Override
    protected PortalStorage newStorage() {
        return new InMemoryPortalStorage();
    }
}
