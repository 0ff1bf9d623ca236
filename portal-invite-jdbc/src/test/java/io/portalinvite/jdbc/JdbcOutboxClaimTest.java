package io.portalinvite.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.common.InvitationId;
import io.portalinvite.delivery.OutboundMessage;
import io.portalinvite.testing.StoreTestData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Claiming more messages than one claiming statement carries (it is split in chunks) still claims each once. */
class JdbcOutboxClaimTest {

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void claimDueWhenBatchLargerThanOneStatementChunkThenEveryMessageClaimedOnceAndTheRestLeft(String database) {
        TestDatabase db = "h2".equals(database) ? TestDatabase.h2() : TestDatabase.postgres();
        JdbcPortalStorage storage = db.freshStorage();
        Instant t0 = Instant.parse("2026-03-02T00:00:00Z");
        List<OutboundMessage> messages = new ArrayList<>();
        for (int i = 0; i < 1_234; i++) {
            messages.add(StoreTestData.email(InvitationId.random(), t0.plusMillis(i)));
        }
        storage.transactions().inTransaction(() -> messages.forEach(storage.outbox()::insert));
        Instant now = t0.plusSeconds(60);

        List<OutboundMessage> first = storage.transactions()
                .inTransaction(() -> storage.outbox().claimDue(now, 1_200, "claim-1", now.plus(Duration.ofMinutes(5))));
        List<OutboundMessage> second = storage.transactions()
                .inTransaction(() -> storage.outbox().claimDue(now, 1_200, "claim-2", now.plus(Duration.ofMinutes(5))));

        assertThat(first).hasSize(1_200).allSatisfy(m -> assertThat(m.claimId()).isEqualTo("claim-1"));
        assertThat(second).hasSize(34).allSatisfy(m -> assertThat(m.claimId()).isEqualTo("claim-2"));
        Set<UUID> claimed = new java.util.HashSet<>();
        first.forEach(m -> claimed.add(m.id()));
        second.forEach(m -> claimed.add(m.id()));
        assertThat(claimed).isEqualTo(messages.stream().map(OutboundMessage::id).collect(Collectors.toSet()));
    }
}
