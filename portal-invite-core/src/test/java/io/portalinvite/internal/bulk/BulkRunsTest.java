package io.portalinvite.internal.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalinvite.common.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BulkRunsTest {

    private enum Why {
        SKIPPED,
        INVALID
    }

    private record Rejection(long row, Why why, String detail) {}

    @Test
    void inChunksWhenRowsNotAMultipleOfTheChunkSizeThenLastChunkShorterAndEveryRowOnceInOrder() {
        List<List<Integer>> chunks = new ArrayList<>();
        int[] after = {0};

        BulkRuns.inChunks(
                IntStream.rangeClosed(1, 7).boxed().iterator(), 3, c -> chunks.add(List.copyOf(c)), () -> after[0]++);

        assertThat(chunks).containsExactly(List.of(1, 2, 3), List.of(4, 5, 6), List.of(7));
        assertThat(after[0]).isEqualTo(3);
    }

    @Test
    void inChunksWhenNoRowsThenNoChunkAndNoProgress() {
        int[] after = {0};

        BulkRuns.inChunks(List.<Integer>of().iterator(), 3, c -> after[0] += 10, () -> after[0]++);

        assertThat(after[0]).isZero();
    }

    @Test
    void checkOptionsWhenOutOfRangeThenNamesTheFieldWithItsPrefix() {
        assertThatThrownBy(() -> BulkRuns.checkOptions("bulk", 0, 100))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("bulk.chunkSize");
        assertThatThrownBy(() -> BulkRuns.checkOptions("import", 500, 10_001))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("import.sampleLimit");
    }

    @Test
    void recordWhenMoreRejectionsThanTheSampleThenCountsCoverAllAndSampleIsCappedInOrder() {
        List<Rejection> told = new ArrayList<>();
        RejectionTally<Rejection, Why> tally =
                new RejectionTally<>(Why.class, Rejection::why, w -> w == Why.SKIPPED, Rejection::detail, 2, told::add);

        tally.record(new Rejection(1, Why.SKIPPED, "already"));
        tally.record(new Rejection(2, Why.INVALID, "email:email.invalid"));
        tally.record(new Rejection(3, Why.INVALID, "email:email.invalid"));
        tally.record(new Rejection(4, Why.SKIPPED, "already"));

        assertThat(tally.skipped()).isEqualTo(Map.of(Why.SKIPPED, 2L));
        assertThat(tally.invalid()).isEqualTo(Map.of("email:email.invalid", 2L));
        assertThat(tally.sample()).extracting(Rejection::row).containsExactly(1L, 2L);
        assertThat(tally.sampleComplete()).isFalse();
        assertThat(told).hasSize(4);
        assertThat(BulkRuns.total(tally.skipped()) + BulkRuns.total(tally.invalid()))
                .isEqualTo(4);
    }

    @Test
    void recordWhenMoreDistinctRulesThanKeptThenTheRestCountAsOther() {
        RejectionTally<Rejection, Why> tally =
                new RejectionTally<>(Why.class, Rejection::why, w -> w == Why.SKIPPED, Rejection::detail, 0, r -> {});

        for (int i = 0; i <= RejectionTally.MAX_RULES; i++) {
            tally.record(new Rejection(i, Why.INVALID, "grants[" + i + "].patientId:id.invalid"));
        }

        assertThat(tally.invalid()).hasSize(RejectionTally.MAX_RULES + 1).containsEntry("other", 1L);
        assertThat(BulkRuns.total(tally.invalid())).isEqualTo(RejectionTally.MAX_RULES + 1L);
    }
}
