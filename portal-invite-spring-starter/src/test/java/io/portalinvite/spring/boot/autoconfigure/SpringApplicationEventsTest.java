package io.portalinvite.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.PortalInvite;
import io.portalinvite.event.PortalEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every portal event reaches Spring's event listeners; a {@code @TransactionalEventListener}
 * (AFTER_COMMIT) hears of an invitation only once the host's transaction has committed, and never
 * of one that rolled back.
 */
class SpringApplicationEventsTest {

    private final ApplicationContextRunner jdbc = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    DataSourceAutoConfiguration.class,
                    DataSourceTransactionManagerAutoConfiguration.class,
                    TransactionAutoConfiguration.class,
                    PortalInviteJdbcAutoConfiguration.class,
                    PortalInviteAutoConfiguration.class))
            .withUserConfiguration(PortalInviteAutoConfigurationTest.CapturingSenders.class)
            .withBean(Listeners.class)
            .withPropertyValues(TestPortal.REQUIRED)
            .withPropertyValues("portal.invite.dispatcher.enabled=false", "portal.invite.maintenance.enabled=false");

    @Test
    void inviteInAHostTransactionThenTransactionalListenerHearsOfItOnlyAfterCommit() {
        jdbc.run(context -> {
            PortalInvite portal = context.getBean(PortalInvite.class);
            Listeners listeners = context.getBean(Listeners.class);
            TestPortal.enable(portal);
            TransactionTemplate tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));

            tx.executeWithoutResult(status -> {
                portal.invitations().invite(TestPortal.newPatient("PT-EV-1"));
                assertThat(listeners.afterCommit).as("before the commit").isEmpty();
                assertThat(listeners.immediate)
                        .as("a plain listener, inside the transaction")
                        .hasSize(1);
            });

            assertThat(listeners.afterCommit)
                    .singleElement()
                    .satisfies(e -> assertThat(e.patientId().value()).isEqualTo("PT-EV-1"));
        });
    }

    @Test
    void inviteInAHostTransactionThatRollsBackThenTransactionalListenerNeverHearsOfIt() {
        jdbc.run(context -> {
            PortalInvite portal = context.getBean(PortalInvite.class);
            Listeners listeners = context.getBean(Listeners.class);
            TestPortal.enable(portal);
            TransactionTemplate tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));

            tx.executeWithoutResult(status -> {
                portal.invitations().invite(TestPortal.newPatient("PT-EV-2"));
                status.setRollbackOnly();
            });

            assertThat(listeners.afterCommit).isEmpty();
            assertThat(portal.invitations()
                            .history(TestPortal.PRACTICE, io.portalinvite.common.PatientId.of("PT-EV-2")))
                    .isEmpty();
        });
    }

    @Test
    void messageSentByTheDispatcherThenTransactionalListenerHearsOfItAfterTheDispatchCommits() {
        jdbc.run(context -> {
            PortalInvite portal = context.getBean(PortalInvite.class);
            Listeners listeners = context.getBean(Listeners.class);
            TestPortal.enable(portal);
            portal.invitations().invite(TestPortal.newPatient("PT-EV-3"));
            portal.dispatcher().drain();
            assertThat(listeners.sent).extracting(e -> e.channel().name()).containsExactlyInAnyOrder("EMAIL", "SMS");
        });
    }

    @Test
    void inMemoryStoresThenEventsArePublishedAfterTheLibrarysOwnCommit() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PortalInviteAutoConfiguration.class))
                .withUserConfiguration(PortalInviteAutoConfigurationTest.CapturingSenders.class)
                .withBean(Listeners.class)
                .withPropertyValues(TestPortal.REQUIRED)
                .withPropertyValues("portal.invite.dispatcher.enabled=false")
                .run(context -> {
                    PortalInvite portal = context.getBean(PortalInvite.class);
                    TestPortal.enable(portal);
                    portal.invitations().invite(TestPortal.newPatient("PT-EV-4"));
                    assertThat(context.getBean(Listeners.class).immediate).hasSize(1);
                });
    }

    /** A host's listeners. */
    static class Listeners {
        final List<PortalEvent.InvitationCreated> afterCommit = new CopyOnWriteArrayList<>();
        final List<PortalEvent.InvitationCreated> immediate = new CopyOnWriteArrayList<>();
        final List<PortalEvent.MessageSent> sent = new CopyOnWriteArrayList<>();

        @TransactionalEventListener
        void created(PortalEvent.InvitationCreated event) {
            afterCommit.add(event);
        }

        @EventListener
        void createdAtOnce(PortalEvent.InvitationCreated event) {
            immediate.add(event);
        }

        @TransactionalEventListener
        void sent(PortalEvent.MessageSent event) {
            sent.add(event);
        }
    }
}
