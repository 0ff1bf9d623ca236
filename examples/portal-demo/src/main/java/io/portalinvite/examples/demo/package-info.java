/** The demo application: start-up, configuration, security and the landing page. */
@NullMarked
package io.portalinvite.examples.demo;

import org.jspecify.annotations.NullMarked;
