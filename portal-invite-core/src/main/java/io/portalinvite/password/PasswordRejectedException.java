package io.portalinvite.password;

import io.portalinvite.FieldViolation;
import io.portalinvite.ValidationException;

/** TEMPORARY stand-in; replaced by the password package. */
public class PasswordRejectedException extends ValidationException {
    public PasswordRejectedException(PasswordCheck check) {
        super(check.violations().stream().map(v -> new FieldViolation("password", v.code(), v.message())).toList());
    }
}
