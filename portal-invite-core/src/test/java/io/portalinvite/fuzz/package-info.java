/** Jazzer fuzz tests of the parsers and validators that take text from outside. */
@NullMarked
package io.portalinvite.fuzz;

import org.jspecify.annotations.NullMarked;
