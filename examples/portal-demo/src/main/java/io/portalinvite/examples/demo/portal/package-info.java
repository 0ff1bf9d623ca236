/** Patient screens: the invitation link page, login and the portal home. */
@NullMarked
package io.portalinvite.examples.demo.portal;

import org.jspecify.annotations.NullMarked;
