package io.portalinvite.password;

import java.time.LocalDate;

/** TEMPORARY stand-in; replaced by the password package. */
public final class PasswordContext {
    public static Builder builder() {
        return new Builder();
    }

    public static PasswordContext empty() {
        return new PasswordContext();
    }

    public static final class Builder {
        public Builder addName(String n) {
            return this;
        }

        public Builder addEmail(String e) {
            return this;
        }

        public Builder addDateOfBirth(LocalDate d) {
            return this;
        }

        public Builder addWord(String w) {
            return this;
        }

        public PasswordContext build() {
            return new PasswordContext();
        }
    }
}
