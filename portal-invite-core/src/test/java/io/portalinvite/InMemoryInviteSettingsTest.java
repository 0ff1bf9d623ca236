package io.portalinvite;

/** {@link InviteSettingsContract} on the in-memory stores. */
class InMemoryInviteSettingsTest extends InviteSettingsContract {

    @Override
    protected PortalStorage newStorage() {
        return new InMemoryPortalStorage();
    }
}
