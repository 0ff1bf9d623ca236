/**
 * Micrometer meters for portal-invite on any host: event counters, the password-hashing timer and
 * outbox backlog gauges.
 */
@NullMarked
package io.portalinvite.micrometer;

import org.jspecify.annotations.NullMarked;
