/** The email sender on Jakarta Mail and Eclipse Angus Mail: SMTP with TLS, timeouts and connection reuse, and its tests against a real server on loopback. */
@NullMarked
package io.portalinvite.smtp;

import org.jspecify.annotations.NullMarked;
