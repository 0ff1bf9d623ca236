package io.portalinvite.spring.boot.autoconfigure;

import io.portalinvite.PortalInvite;

/**
 * Callback that changes the auto-configured {@link PortalInvite.Builder} before the portal is built,
 * e.g. to set a {@code PasswordValidator} or a {@code MessageComposer}. Every bean of this type is
 * applied, in {@link org.springframework.core.annotation.Order} order, after the starter's settings.
 */
@FunctionalInterface
public interface PortalInviteBuilderCustomizer {

    /**
     * Changes the builder.
     *
     * @param builder the builder, already configured from the properties and beans
     */
    void customize(PortalInvite.Builder builder);
}
