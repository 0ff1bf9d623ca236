/** Spring Security authentication against portal-invite accounts. */
@NullMarked
package io.portalinvite.spring.security;

import org.jspecify.annotations.NullMarked;
