/**
 * JDBC implementations of every portal-invite storage SPI, on any {@link javax.sql.DataSource}, with
 * schema scripts per database under {@code io/portalinvite/jdbc/schema/<platform>/}.
 */
@NullMarked
package io.portalinvite.jdbc;

import org.jspecify.annotations.NullMarked;
