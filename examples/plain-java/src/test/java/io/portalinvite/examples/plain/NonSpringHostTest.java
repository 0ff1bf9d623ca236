package io.portalinvite.examples.plain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class NonSpringHostTest {

    @Test
    void runWhenOneBookingCommitsAndOneRollsBackThenOnlyTheCommittedOneIsStoredSentAndCounted() throws SQLException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        NonSpringHost.run(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String output = buffer.toString(StandardCharsets.UTF_8);

        assertThat(output)
                .contains("committed: INVITED")
                .contains("the host rolled back: ")
                .contains("outbox health: UP {pending=2, due=2, failed=0, oldestDue=")
                .contains("sent 2 messages")
                .contains("[email] to ada.lovelace@example.org")
                .doesNotContain("grace.hopper@example.org")
                .contains("outbox health: UP {pending=0, due=0, failed=0}")
                .contains("stored: patients=1, invitations=1, appointments=1")
                .contains("portal.invite.events channel=none type=InvitationCreated count=1.0")
                .contains("portal.invite.events channel=EMAIL type=MessageSent count=1.0")
                .contains("portal.invite.events channel=SMS type=MessageSent count=1.0")
                .contains("portal.invite.outbox.messages state=pending value=")
                .contains("portal.invite.outbox.oldest.due value=");
        assertThat(output.indexOf("committed: INVITED")).isLessThan(output.indexOf("the host rolled back"));
    }

    @Test
    void readmeWhenShowingTheNonSpringHostThenShowsExactlyTheCompiledCode() {
        ReadmeSnippets.assertReadmeShows("NonSpringHost.java", "non-spring-setup");
        ReadmeSnippets.assertReadmeShows("NonSpringHost.java", "non-spring-join");
    }
}
