/** Spring Boot auto-configuration of portal-invite. */
@NullMarked
package io.portalinvite.spring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
