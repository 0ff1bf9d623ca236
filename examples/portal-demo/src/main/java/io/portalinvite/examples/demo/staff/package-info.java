/** Staff screens: Portal Settings, appointment booking with the New Patient form, the patients list and the demographic window. */
@NullMarked
package io.portalinvite.examples.demo.staff;

import org.jspecify.annotations.NullMarked;
