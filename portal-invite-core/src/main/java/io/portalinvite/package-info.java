/**
 * The library's entry point ({@link io.portalinvite.PortalInvite}) and the exceptions shared by all
 * of its packages.
 */
@NullMarked
package io.portalinvite;

import org.jspecify.annotations.NullMarked;
