/**
 * Rules the library's concepts share that are not part of its API: hosts should not call these
 * types, which may change in any release.
 */
@NullMarked
package io.portalinvite.internal;

import org.jspecify.annotations.NullMarked;
