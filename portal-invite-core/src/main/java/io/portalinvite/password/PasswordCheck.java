package io.portalinvite.password;

import java.util.List;

/** TEMPORARY stand-in; replaced by the password package. */
public record PasswordCheck(List<PasswordViolation> violations) {
    public boolean acceptable() {
        return violations.isEmpty();
    }

    public String guidance() {
        return "";
    }
}
