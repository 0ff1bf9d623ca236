/**
 * The library's entry point, {@link io.portalinvite.PortalInvite}: one object holding the services a
 * host calls, built once with its builder.
 */
@NullMarked
package io.portalinvite;

import org.jspecify.annotations.NullMarked;
