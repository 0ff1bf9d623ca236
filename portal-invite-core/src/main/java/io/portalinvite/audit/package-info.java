/** The append-only audit trail: who did what to whom, when, through which channel, with what outcome. */
@NullMarked
package io.portalinvite.audit;

import org.jspecify.annotations.NullMarked;
