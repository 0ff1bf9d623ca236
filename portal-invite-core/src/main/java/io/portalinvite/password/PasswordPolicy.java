package io.portalinvite.password;

/** TEMPORARY stand-in; replaced by the password package. */
public record PasswordPolicy(int minLength, int maxLength) {
    public static final PasswordPolicy DEFAULT = new PasswordPolicy(15, 1024);

    public static PasswordPolicy withMinLength(int min) {
        return new PasswordPolicy(min, 1024);
    }
}
