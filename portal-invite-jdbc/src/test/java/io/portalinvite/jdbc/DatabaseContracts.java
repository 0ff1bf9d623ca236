package io.portalinvite.jdbc;

import io.portalinvite.AccessLifecycleContract;
import io.portalinvite.DateOfBirthRaceContract;
import io.portalinvite.HostileCorpusContract;
import io.portalinvite.PortalFlowContract;
import io.portalinvite.RegistrationConcurrencyContract;
import io.portalinvite.SignInThrottleContract;
import io.portalinvite.account.AccountStoreContract;
import io.portalinvite.audit.AuditStoreContract;
import io.portalinvite.contract.AccountImportContract;
import io.portalinvite.contract.AuthenticatorServiceContract;
import io.portalinvite.contract.AuthenticatorStoreContract;
import io.portalinvite.contract.BulkInvitationContract;
import io.portalinvite.contract.MaintenanceContract;
import io.portalinvite.contract.PasswordResetContract;
import io.portalinvite.contract.PatientStatusContract;
import io.portalinvite.contract.SecondFactorHostileInputContract;
import io.portalinvite.delivery.OutboxStoreContract;
import io.portalinvite.delivery.TemplateStoreContract;
import io.portalinvite.invitation.InvitationStoreContract;
import io.portalinvite.settings.SettingsStoreContract;
import io.portalinvite.storage.PortalStorage;
import io.portalinvite.throttle.SignInBudgets;
import io.portalinvite.throttle.SignInBudgetsContract;
import org.junit.jupiter.api.Nested;

/**
 * Core's whole contract kit — every store SPI, the end-to-end flow, the single-use race, bulk
 * invitation, account import, password reset, maintenance, hostile input, the JDBC-specific checks and joining a
 * host's own JDBC transaction — bound once for any database. A subclass only names its database;
 * every suite here runs on each of them, H2 included. Test reports name the database through the
 * subclass (e.g. {@code PostgreSqlContractsTest}).
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

    @Nested
    class Invitations extends InvitationStoreContract {
        @Override
        protected PortalStorage newStorage() {
            return fresh();
        }
    }

    @Nested
    class Accounts extends AccountStoreContract {
        @Override
        protected PortalStorage newStorage() {
            return fresh();
        }
    }

    @Nested
    class Settings extends SettingsStoreContract {
        @Override
        protected PortalStorage newStorage() {
            return fresh();
        }
    }

    @Nested
    class Outbox extends OutboxStoreContract {
        @Override
        protected PortalStorage newStorage() {
            return fresh();
        }
    }

    @Nested
    class Audit extends AuditStoreContract {
        @Override
        protected PortalStorage newStorage() {
            return fresh();
        }
    }

    @Nested
    class Authenticators extends AuthenticatorStoreContract {
        @Override
        protected PortalStorage newStorage() {
            return fresh();
        }
    }

    @Nested
    class SecondFactor extends AuthenticatorServiceContract {
        @Override
        protected PortalStorage newStorage() {
            return fresh();
        }
    }

    @Nested
    class SecondFactorHostileInput extends SecondFactorHostileInputContract {
        @Override
        protected PortalStorage newStorage() {
            return fresh();
        }
    }

    @Nested
    class Flow extends PortalFlowContract {
        @Override
        protected PortalStorage newStorage() {
            return fresh();
        }
    }

    @Nested
    class Lifecycle extends AccessLifecycleContract {
        @Override
        protected PortalStorage newStorage() {
            return fresh();
        }
    }

    @Nested
    class SingleUse extends RegistrationConcurrencyContract {
        @Override
        protected PortalStorage newStorage() {
            return fresh();
        }
    }

    @Nested
    class DateOfBirthRace extends DateOfBirthRaceContract {
        @Override
        protected PortalStorage newStorage() {
            return fresh();
        }

        @Override
        protected int repetitions() {
            return 5;
        }
    }

    @Nested
    class SignInThrottle extends SignInThrottleContract {
        @Override
        protected PortalStorage newStorage() {
            return fresh();
        }
    }

    @Nested
    class Budgets extends SignInBudgetsContract {
        @Override
        protected SignInBudgets newBudgets() {
            return fresh().signInBudgets();
        }
    }

    @Nested
    class BudgetRows extends SignInBudgetRowsContract {
        @Override
        TestDatabase database() {
            return DatabaseContracts.this.database();
        }
    }

    @Nested
    class Templates extends TemplateStoreContract {
        @Override
        protected PortalStorage newStorage() {
            return fresh();
        }
    }

    @Nested
    class Bulk extends BulkInvitationContract {
        @Override
        protected PortalStorage newStorage() {
            return fresh();
        }
    }

    @Nested
    class AccountImport extends AccountImportContract {
        @Override
        protected PortalStorage newStorage() {
            return fresh();
        }
    }

    @Nested
    class PatientStatuses extends PatientStatusContract {
        @Override
        protected PortalStorage newStorage() {
            return fresh();
        }
    }

    @Nested
    class PasswordReset extends PasswordResetContract {
        @Override
        protected PortalStorage newStorage() {
            return fresh();
        }
    }

    @Nested
    class Maintenance extends MaintenanceContract {
        @Override
        protected PortalStorage newStorage() {
            return fresh();
        }
    }

    @Nested
    class Jdbc extends JdbcBehaviourContract {
        @Override
        TestDatabase database() {
            return DatabaseContracts.this.database();
        }
    }

    @Nested
    class HostTransactions extends HostTransactionContract {
        @Override
        TestDatabase database() {
            return DatabaseContracts.this.database();
        }
    }

    @Nested
    class HostileCorpus extends HostileCorpusContract {
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

    /** The server killing connections mid-transaction; bound by the subclasses of servers that can. */
    abstract class FaultsSuite extends DatabaseFaultContract {
        @Override
        TestDatabase database() {
            return DatabaseContracts.this.database();
        }
    }
}
