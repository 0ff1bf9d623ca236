package io.portalinvite.delivery;

import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.storage.PortalStorage;

/** Runs the template store contract on the in-memory store. */
class InMemoryTemplateStoreTest extends TemplateStoreContract {

    @Override
    protected PortalStorage newStorage() {
        return new InMemoryPortalStorage();
    }
}
