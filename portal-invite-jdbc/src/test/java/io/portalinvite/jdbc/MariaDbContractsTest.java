package io.portalinvite.jdbc;

import org.junit.jupiter.api.Nested;

/** Core's contract kit on MariaDB (the local server; skipped with the reason when unreachable, failed in CI). */
class MariaDbContractsTest extends DatabaseContracts {

    @Override
    TestDatabase database() {
        return TestDatabase.mariadb();
    }

    @Nested
    class Faults extends FaultsSuite {}
}
