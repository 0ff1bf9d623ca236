package io.portalinvite.jdbc;

/** Core's contract kit on H2. */
class H2ContractsTest extends DatabaseContracts {

    @Override
    TestDatabase database() {
        return TestDatabase.h2();
    }
}
