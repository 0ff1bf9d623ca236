package io.portalinvite.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.DatabaseMetaData;
import org.junit.jupiter.api.Test;

/** Which databases the stores accept, told from the driver's metadata. */
class DatabasePlatformTest {

    @Test
    void detectWhenMySqlThenRefusedWithATypedErrorPointingToMariaDb() {
        assertThatThrownBy(() -> DatabasePlatform.detect(metadata("MySQL", "8.0.36")))
                .isInstanceOf(UnsupportedDatabaseException.class)
                .hasMessageContaining("does not support MySQL")
                .hasMessageContaining("MariaDB 10.6+ is supported");
    }

    @Test
    void detectWhenMariaDbReportedAsMySqlThenMariaDb() throws Exception {
        assertThat(DatabasePlatform.detect(metadata("MySQL", "5.5.5-10.11.6-MariaDB")))
                .isEqualTo(DatabasePlatform.MARIADB);
        assertThat(DatabasePlatform.detect(metadata("MariaDB", "10.11.6"))).isEqualTo(DatabasePlatform.MARIADB);
    }

    @Test
    void detectWhenOtherDatabaseThenRefusedNamingTheSupportedOnes() {
        assertThatThrownBy(() -> DatabasePlatform.detect(metadata("Oracle", "23ai")))
                .isInstanceOf(UnsupportedDatabaseException.class)
                .hasMessageContaining("Oracle")
                .hasMessageContaining("PostgreSQL 12+, MariaDB 10.6+, H2 2.x");
    }

    @Test
    void detectWhenSupportedThenTheirPlatforms() throws Exception {
        assertThat(DatabasePlatform.detect(metadata("PostgreSQL", "16.2"))).isEqualTo(DatabasePlatform.POSTGRESQL);
        assertThat(DatabasePlatform.detect(metadata("H2", "2.4.240"))).isEqualTo(DatabasePlatform.H2);
    }

    private static DatabaseMetaData metadata(String product, String version) {
        return (DatabaseMetaData) Proxy.newProxyInstance(
                DatabaseMetaData.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getDatabaseProductName" -> product;
                    case "getDatabaseProductVersion" -> version;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
