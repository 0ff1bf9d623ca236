/** Tests of each documented way to create portal-invite's tables beside a host's own migrations. */
@NullMarked
package io.portalinvite.spring.boot.schema;

import org.jspecify.annotations.NullMarked;
