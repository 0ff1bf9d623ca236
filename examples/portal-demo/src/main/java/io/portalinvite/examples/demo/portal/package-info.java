/** The patient's home in the portal: the starter's page, with each patient's appointments in its home-extra slot. */
@NullMarked
package io.portalinvite.examples.demo.portal;

import org.jspecify.annotations.NullMarked;
