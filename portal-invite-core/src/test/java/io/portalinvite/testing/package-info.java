/**
 * Test support published in core's test-jar: capturing senders, a settable clock and portal
 * fixtures, for this library's own tests and for hosts testing their integration.
 */
@NullMarked
package io.portalinvite.testing;

import org.jspecify.annotations.NullMarked;
