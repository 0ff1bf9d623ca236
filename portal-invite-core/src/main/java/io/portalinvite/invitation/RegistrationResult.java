package io.portalinvite.invitation;

import io.portalinvite.account.PatientAccess;
import io.portalinvite.common.AccountId;
import io.portalinvite.party.EmailAddress;

/**
 * The outcome of a completed registration. The invitee is not logged in: they log in next with the
 * password they chose (OWASP: no automatic login after setting a password).
 *
 * @param accountId the account that now holds access
 * @param email the account's login email
 * @param access the grant made by this registration
 * @param newAccount true when the account was created now; false when an existing account gained access
 */
public record RegistrationResult(AccountId accountId, EmailAddress email, PatientAccess access, boolean newAccount) {}
