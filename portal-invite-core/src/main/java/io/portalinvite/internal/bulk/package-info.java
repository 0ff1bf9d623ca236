/**
 * Unsupported: what bulk runs (bulk invitation, account import) share — reading the input in
 * chunks, range checks of their options and a rejection tally whose memory does not grow with the
 * input; not part of the API. Hosts must not use these types, which may change or disappear in any
 * release without notice.
 */
@NullMarked
package io.portalinvite.internal.bulk;

import org.jspecify.annotations.NullMarked;
