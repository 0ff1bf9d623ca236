/** Actuator health for portal-invite, on the outbox check of portal-invite-micrometer. */
@NullMarked
package io.portalinvite.spring.actuate;

import org.jspecify.annotations.NullMarked;
