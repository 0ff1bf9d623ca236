/** The patient's home in the portal: the demo's own page behind the starter's sign-in; every other patient page is the starter's. */
@NullMarked
package io.portalinvite.examples.demo.portal;

import org.jspecify.annotations.NullMarked;
