/**
 * The bundle of stores a portal is built on ({@link io.portalinvite.storage.PortalStorage}) and its
 * in-memory implementation; each in-memory store is an implementation detail of that bundle.
 */
@NullMarked
package io.portalinvite.storage;

import org.jspecify.annotations.NullMarked;
