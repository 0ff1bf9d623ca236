/**
 * Spring Security for the Patient Portal: the portal's own filter chain (its login, logout and
 * session handling in a security context of its own), authentication against portal-invite
 * accounts, and the authority that keeps portal users out of the host's pages.
 */
@NullMarked
package io.portalinvite.spring.security;

import org.jspecify.annotations.NullMarked;
