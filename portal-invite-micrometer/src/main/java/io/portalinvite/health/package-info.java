/** The outbox health check, for a host's own health endpoint or the Spring Boot starter's. */
@NullMarked
package io.portalinvite.health;

import org.jspecify.annotations.NullMarked;
