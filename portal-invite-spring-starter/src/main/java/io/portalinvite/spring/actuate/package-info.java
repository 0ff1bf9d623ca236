/** Actuator health and Micrometer metrics for portal-invite. */
@NullMarked
package io.portalinvite.spring.actuate;

import org.jspecify.annotations.NullMarked;
