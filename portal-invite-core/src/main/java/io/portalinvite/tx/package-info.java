/**
 * The transaction boundary that the stores join, and its in-memory implementation.
 */
@NullMarked
package io.portalinvite.tx;

import org.jspecify.annotations.NullMarked;
