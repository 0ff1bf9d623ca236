/** Each practice's Patient Portal settings: on or off, link lifetime, channels, sender, locale and policies. */
@NullMarked
package io.portalinvite.settings;

import org.jspecify.annotations.NullMarked;
