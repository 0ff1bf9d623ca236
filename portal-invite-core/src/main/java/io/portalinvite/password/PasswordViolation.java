package io.portalinvite.password;

/** TEMPORARY stand-in; replaced by the password package. */
public record PasswordViolation(String code, String message) {
}
