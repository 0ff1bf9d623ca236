/**
 * Unsupported: the sign-in throttle's decisions, its device cookies and its in-memory budgets;
 * used by core and the project's own modules, not part of the API. Hosts must not use these types,
 * which may change or disappear in any release without notice.
 */
@NullMarked
package io.portalinvite.internal.throttle;

import org.jspecify.annotations.NullMarked;
