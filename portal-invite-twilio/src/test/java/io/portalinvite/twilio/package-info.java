/** The SMS sender on Twilio's Messages API over java.net.http, and its tests against a real server on loopback. */
@NullMarked
package io.portalinvite.twilio;

import org.jspecify.annotations.NullMarked;
