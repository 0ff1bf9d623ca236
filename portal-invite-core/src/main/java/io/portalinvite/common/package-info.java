/**
 * The bottom of the library: the root exception and its validation and concurrency subclasses, the
 * ids and the small enums that several concepts share. It depends on nothing else of the library.
 */
@NullMarked
package io.portalinvite.common;

import org.jspecify.annotations.NullMarked;
