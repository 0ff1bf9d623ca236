package io.portalinvite.throttle;

import org.jspecify.annotations.Nullable;

/**
 * Who is signing in, as far as throttling needs to know: the client's network address and the
 * device cookie it presented. The host takes the address from its own connection (a servlet
 * container's {@code getRemoteAddr()}); behind a reverse proxy the container must be configured to
 * take it from the proxy's forwarded header, because the library trusts no header itself.
 *
 * @param address the client's address, or null when the host does not know it (then no per-address
 *     budget applies)
 * @param deviceCookie the device cookie presented, or null when none
 */
public record SignInClient(
        @Nullable String address, @Nullable String deviceCookie) {

    /** A client the host knows nothing about. */
    public static final SignInClient UNKNOWN = new SignInClient(null, null);

    /** Drops an address too long to be one, so it cannot make keys of any size. */
    public SignInClient {
        if (address != null && (address.isBlank() || address.length() > 64)) {
            address = null;
        }
    }

    @Override
    public String toString() {
        return "SignInClient[address=" + (address == null ? "-" : "***") + ", deviceCookie="
                + (deviceCookie == null ? "-" : "***") + "]";
    }
}
