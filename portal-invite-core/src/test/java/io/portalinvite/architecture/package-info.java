/** The architecture test that keeps core's package structure and dependencies as designed. */
@NullMarked
package io.portalinvite.architecture;

import org.jspecify.annotations.NullMarked;
