/**
 * The people and identifiers an invitation is about: practices, patients, carers, their names and
 * their validated contact details.
 */
@NullMarked
package io.portalinvite.party;

import org.jspecify.annotations.NullMarked;
