/** Spring transaction management for portal-invite's JDBC stores. */
@NullMarked
package io.portalinvite.spring.jdbc;

import org.jspecify.annotations.NullMarked;
