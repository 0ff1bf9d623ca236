/** Events the library raises for the host after each change commits (invitation sent, failed, accepted…). */
@NullMarked
package io.portalinvite.event;

import org.jspecify.annotations.NullMarked;
