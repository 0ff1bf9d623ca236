package io.portalinvite.account;

import io.portalinvite.common.PortalInviteException;
import java.io.Serial;

/** A store refused an account because one with the same email exists. */
public final class DuplicateAccountException extends PortalInviteException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public DuplicateAccountException() {
        super("an account with this email already exists");
    }
}
