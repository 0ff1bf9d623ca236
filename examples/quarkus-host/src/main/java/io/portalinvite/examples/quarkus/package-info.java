/**
 * A Quarkus host: portal-invite's JDBC stores in Quarkus's JTA transactions, produced for CDI, with a
 * booking service whose {@code @Transactional} save commits or rolls back the patient and the
 * invitation together.
 */
@NullMarked
package io.portalinvite.examples.quarkus;

import org.jspecify.annotations.NullMarked;
