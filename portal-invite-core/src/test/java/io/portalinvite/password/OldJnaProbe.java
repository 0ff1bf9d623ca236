package io.portalinvite.password;

import io.portalinvite.PortalInvite;
import io.portalinvite.testing.CapturingEmailSender;
import io.portalinvite.token.TokenKey;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Run by {@link JnaRequirementTest} in a child JVM whose class path has JNA 5.8.0. */
final class OldJnaProbe {

    private OldJnaProbe() {}

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println("found=" + JnaRequirement.foundVersion().orElse("none"));
        PortalInvite portal = PortalInvite.builder()
                .tokenKey(TokenKey.generate())
                .emailSender(new CapturingEmailSender())
                .build();
        out.println("built=yes");
        try {
            new Argon2idPasswordHasher();
            out.println("hasher=built");
        } catch (RuntimeException | LinkageError e) {
            out.println("hasher=" + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        try {
            portal.login().login("nobody@example.org", "violet kayak drifts over quiet granite");
            out.println("login=ok");
        } catch (RuntimeException | LinkageError e) {
            out.println("login=" + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
