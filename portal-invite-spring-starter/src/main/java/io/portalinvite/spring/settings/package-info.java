/** Practice settings defaults supplied by the host's configuration. */
@NullMarked
package io.portalinvite.spring.settings;

import org.jspecify.annotations.NullMarked;
