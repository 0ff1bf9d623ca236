/** The SMS sender on Twilio's Messages API over java.net.http. */
@NullMarked
package io.portalinvite.twilio;

import org.jspecify.annotations.NullMarked;
