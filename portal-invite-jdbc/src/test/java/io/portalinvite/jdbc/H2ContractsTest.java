package io.portalinvite.jdbc;

import org.junit.jupiter.api.Nested;

/** Core's contract kit on H2. */
class H2ContractsTest extends DatabaseContracts {

    @Override
    TestDatabase database() {
        return TestDatabase.h2();
    }

    @Nested
    class Invitations extends InvitationsSuite {}

    @Nested
    class Accounts extends AccountsSuite {}

    @Nested
    class Settings extends SettingsSuite {}

    @Nested
    class Outbox extends OutboxSuite {}

    @Nested
    class Audit extends AuditSuite {}

    @Nested
    class Flow extends FlowSuite {}

    @Nested
    class Lifecycle extends LifecycleSuite {}

    @Nested
    class SingleUse extends SingleUseSuite {}

    @Nested
    class Templates extends TemplatesSuite {}

    @Nested
    class Jdbc extends JdbcSuite {}

    @Nested
    class HostTransactions extends HostTransactionSuite {}

    @Nested
    class Bulk extends BulkSuite {}

    @Nested
    class PasswordReset extends PasswordResetSuite {}

    @Nested
    class Maintenance extends MaintenanceSuite {}

    @Nested
    class HostileCorpus extends HostileCorpusSuite {}
}
