package io.portalinvite;

/** Runs the end-to-end flow on the in-memory stores. */
class InMemoryPortalFlowTest extends PortalFlowContract {

    @Override
    protected PortalStorage newStorage() {
        return new InMemoryPortalStorage();
    }
}
