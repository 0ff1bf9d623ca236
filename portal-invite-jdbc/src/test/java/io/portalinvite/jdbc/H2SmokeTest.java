package io.portalinvite.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class H2SmokeTest {
    @Test
    void smoke() {
        assertThat(TestDatabase.h2().platform()).isEqualTo(DatabasePlatform.H2);
        TestDatabase.h2().freshStorage();
        assertThat(TestDatabase.postgres().platform()).isEqualTo(DatabasePlatform.POSTGRESQL);
        TestDatabase.postgres().freshStorage();
        assertThat(TestDatabase.mariadb().platform()).isEqualTo(DatabasePlatform.MARIADB);
        TestDatabase.mariadb().freshStorage();
    }
}
