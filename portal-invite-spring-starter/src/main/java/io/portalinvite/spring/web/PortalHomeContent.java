package io.portalinvite.spring.web;

import io.portalinvite.spring.security.PortalUserDetails;
import java.util.List;
import java.util.Map;

/**
 * What a host adds to the starter's home page: a bean of this type supplies model values that the
 * host's own {@code templates/portal-invite/fragments/home-extra.html} shows (for each patient in its
 * {@code patient(patient)} fragment, or below the list in its {@code after} fragment). Without such
 * a bean the page shows the patients' names only; the starter's fragments are empty.
 */
@FunctionalInterface
public interface PortalHomeContent {

    /**
     * Returns the values the host's fragment reads, available in it as {@code ${home.<name>}}.
     *
     * @param user the signed-in account
     * @param patients the patients listed, in the page's order
     * @return the values by name; never null
     */
    Map<String, ?> model(PortalUserDetails user, List<PortalHomePatient> patients);
}
