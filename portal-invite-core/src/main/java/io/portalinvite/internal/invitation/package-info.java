/**
 * Unsupported: what the invitation store reports of a date-of-birth check; used by core and the
 * project's own modules, not part of the API. Hosts must not use these types, which may change or
 * disappear in any release without notice.
 */
@NullMarked
package io.portalinvite.internal.invitation;

import org.jspecify.annotations.NullMarked;
