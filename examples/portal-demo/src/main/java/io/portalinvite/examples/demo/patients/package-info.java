/** The practice's own records (patients and appointments) and the host service that saves them and sends Patient Portal access. */
@NullMarked
package io.portalinvite.examples.demo.patients;

import org.jspecify.annotations.NullMarked;
