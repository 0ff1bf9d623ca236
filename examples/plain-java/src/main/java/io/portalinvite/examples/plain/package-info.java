/** A plain-Java host: the whole Patient Portal invitation workflow with in-memory stores, printed step by step. */
@NullMarked
package io.portalinvite.examples.plain;

import org.jspecify.annotations.NullMarked;
