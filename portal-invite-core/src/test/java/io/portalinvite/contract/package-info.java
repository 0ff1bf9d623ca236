/**
 * Contract tests of the issue-7 capabilities (bulk invitation, password reset, expiry and
 * reminders) that every storage implementation runs: in memory here, on each database in
 * {@code portal-invite-jdbc}.
 */
@NullMarked
package io.portalinvite.contract;

import org.jspecify.annotations.NullMarked;
