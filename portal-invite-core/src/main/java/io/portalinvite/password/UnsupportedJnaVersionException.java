package io.portalinvite.password;

import io.portalinvite.common.PortalInviteException;
import java.io.Serial;

/**
 * The JNA on the class path is older than the Argon2id hasher needs (see {@link JnaRequirement}).
 * The message names the version found, the minimum and the fix: pin {@code net.java.dev.jna:jna}
 * in the build's dependency management.
 */
public final class UnsupportedJnaVersionException extends PortalInviteException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the version found, the minimum and the fix
     */
    public UnsupportedJnaVersionException(String message) {
        super(message);
    }
}
