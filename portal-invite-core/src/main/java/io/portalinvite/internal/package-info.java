/**
 * Unsupported: helpers the library's concepts share, used by core and by the project's own modules
 * (jdbc, smtp, twilio, the starter); not part of the API. Hosts must not use these types, which may
 * change or disappear in any release without notice.
 */
@NullMarked
package io.portalinvite.internal;

import org.jspecify.annotations.NullMarked;
