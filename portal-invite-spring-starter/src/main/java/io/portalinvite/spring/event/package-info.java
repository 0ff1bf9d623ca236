/** Publishing portal-invite's events as Spring application events. */
@NullMarked
package io.portalinvite.spring.event;

import org.jspecify.annotations.NullMarked;
