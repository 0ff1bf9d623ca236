package io.portalinvite.jdbc;

import io.portalinvite.AccessLifecycleContract;
import io.portalinvite.HostileCorpusContract;
import io.portalinvite.PortalFlowContract;
import io.portalinvite.RegistrationConcurrencyContract;
import io.portalinvite.account.AccountStoreContract;
import io.portalinvite.audit.AuditStoreContract;
import io.portalinvite.delivery.OutboxStoreContract;
import io.portalinvite.delivery.TemplateStoreContract;
import io.portalinvite.invitation.InvitationStoreContract;
import io.portalinvite.settings.SettingsStoreContract;
import io.portalinvite.storage.PortalStorage;

/**
 * Core's whole contract kit — every store SPI, the end-to-end flow and the single-use race — bound
 * to one database. Each subclass names the database and declares one {@code @Nested} class per
 * suite, so that test reports name the database (e.g. {@code PostgreSqlContractsTest$Flow}).
 */
abstract class DatabaseContracts {

    /**
     * Returns the database under test (skipping the tests with the reason when it is unavailable).
     *
     * @return the database
     */
    abstract TestDatabase database();

    PortalStorage fresh() {
        return database().freshStorage();
    }

    abstract class InvitationsSuite extends InvitationStoreContract {
        @Override
        protected PortalStorage newStorage() {
            return fresh();
        }
    }

    abstract class AccountsSuite extends AccountStoreContract {
        @Override
        protected PortalStorage newStorage() {
            return fresh();
        }
    }

    abstract class SettingsSuite extends SettingsStoreContract {
        @Override
        protected PortalStorage newStorage() {
            return fresh();
        }
    }

    abstract class OutboxSuite extends OutboxStoreContract {
        @Override
        protected PortalStorage newStorage() {
            return fresh();
        }
    }

    abstract class AuditSuite extends AuditStoreContract {
        @Override
        protected PortalStorage newStorage() {
            return fresh();
        }
    }

    abstract class FlowSuite extends PortalFlowContract {
        @Override
        protected PortalStorage newStorage() {
            return fresh();
        }
    }

    abstract class LifecycleSuite extends AccessLifecycleContract {
        @Override
        protected PortalStorage newStorage() {
            return fresh();
        }
    }

    abstract class SingleUseSuite extends RegistrationConcurrencyContract {
        @Override
        protected PortalStorage newStorage() {
            return fresh();
        }
    }

    abstract class TemplatesSuite extends TemplateStoreContract {
        @Override
        protected PortalStorage newStorage() {
            return fresh();
        }
    }

    // --- issue 7: bulk invitation, password reset, maintenance --------------------------------

    abstract class BulkSuite extends io.portalinvite.contract.BulkInvitationContract {
        @Override
        protected PortalStorage newStorage() {
            return fresh();
        }
    }

    abstract class PasswordResetSuite extends io.portalinvite.contract.PasswordResetContract {
        @Override
        protected PortalStorage newStorage() {
            return fresh();
        }
    }

    abstract class MaintenanceSuite extends io.portalinvite.contract.MaintenanceContract {
        @Override
        protected PortalStorage newStorage() {
            return fresh();
        }
    }

    abstract class JdbcSuite extends JdbcBehaviourContract {
        @Override
        TestDatabase database() {
            return DatabaseContracts.this.database();
        }
    }

    abstract class HostileCorpusSuite extends HostileCorpusContract {
        @Override
        protected PortalStorage newStorage() {
            return fresh();
        }

        @Override
        protected int stride() {
            // every value still reaches each database through a third of the fields; the in-memory run
            // takes every value through every field
            return 3;
        }
    }

    abstract class FaultsSuite extends DatabaseFaultContract {
        @Override
        TestDatabase database() {
            return DatabaseContracts.this.database();
        }
    }
}
