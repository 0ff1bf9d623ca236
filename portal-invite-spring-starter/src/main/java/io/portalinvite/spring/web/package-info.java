/**
 * Optional patient-facing endpoints ({@code portal.invite.web.enabled=true}): the invitation page
 * where the invitee sets a password, and JSON equivalents for hosts with their own front end.
 */
@NullMarked
package io.portalinvite.spring.web;

import org.jspecify.annotations.NullMarked;
