/** The email sender on Jakarta Mail and Eclipse Angus Mail: SMTP with TLS, timeouts and connection reuse. */
@NullMarked
package io.portalinvite.smtp;

import org.jspecify.annotations.NullMarked;
