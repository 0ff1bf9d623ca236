package io.portalinvite.password;

import java.util.ArrayList;
import java.util.List;

/** TEMPORARY stand-in; replaced by the password package. */
public final class PasswordValidator {
    public PasswordCheck check(CharSequence password, PasswordPolicy policy, PasswordContext context) {
        List<PasswordViolation> v = new ArrayList<>();
        if (password.toString().codePointCount(0, password.length()) < policy.minLength()) {
            v.add(new PasswordViolation("password.too_short", "too short"));
        }
        return new PasswordCheck(v);
    }
}
