package io.portalinvite.spring.security;

import io.portalinvite.account.PatientAccess;
import io.portalinvite.account.PortalPrincipal;
import io.portalinvite.common.AccessKind;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The authenticated Patient Portal user: the {@link PortalPrincipal} returned by a successful login,
 * with the patients the user may act for. Holds no password. Serializable with the principal, so it
 * survives session replication and Spring Session stores.
 */
public final class PortalUserDetails implements UserDetails, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Authority every portal sign-in carries, whoever it acts for: a host keeps portal users out of
     * its own pages by refusing it (see {@link PortalAuthorization}).
     */
    public static final String ROLE_PORTAL_USER = "ROLE_PORTAL_USER";

    /** Authority of a user with access to their own record. */
    public static final String ROLE_PORTAL_PATIENT = "ROLE_PORTAL_PATIENT";

    /** Authority of a carer or parent with access to someone else's record. */
    public static final String ROLE_PORTAL_PROXY = "ROLE_PORTAL_PROXY";

    private final PortalPrincipal principal;
    private final List<GrantedAuthority> authorities;

    /**
     * Wraps a principal.
     *
     * @param principal the logged-in account and its patient access
     */
    public PortalUserDetails(PortalPrincipal principal) {
        this.principal = Objects.requireNonNull(principal, "principal");
        List<GrantedAuthority> list = new ArrayList<>();
        list.add(new SimpleGrantedAuthority(ROLE_PORTAL_USER));
        if (principal.access().stream().anyMatch(a -> a.kind() == AccessKind.SELF)) {
            list.add(new SimpleGrantedAuthority(ROLE_PORTAL_PATIENT));
        }
        if (principal.access().stream().anyMatch(a -> a.kind() == AccessKind.PROXY)) {
            list.add(new SimpleGrantedAuthority(ROLE_PORTAL_PROXY));
        }
        this.authorities = List.copyOf(list);
    }

    /**
     * Returns the library's principal.
     *
     * @return the principal
     */
    public PortalPrincipal principal() {
        return principal;
    }

    /**
     * Returns every patient the user may act for: their own record (SELF) and those of people they
     * care for (PROXY).
     *
     * @return the access grants
     */
    public List<PatientAccess> patients() {
        return principal.access();
    }

    /**
     * Returns the access grants of one kind.
     *
     * @param kind SELF or PROXY
     * @return the matching grants
     */
    public List<PatientAccess> patients(AccessKind kind) {
        return principal.access().stream().filter(a -> a.kind() == kind).toList();
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return authorities;
    }

    /**
     * Returns null: the password is never kept after login.
     *
     * @return null
     */
    @Override
    public @Nullable String getPassword() {
        return null;
    }

    /**
     * Returns the account's email address, which is its login name.
     *
     * @return the email address
     */
    @Override
    public String getUsername() {
        return principal.email().toString();
    }

    @Override
    public String toString() {
        return "PortalUserDetails[" + principal.accountId() + "]";
    }
}
