package io.portalinvite.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bulk invitation of 100 000 generated patients on PostgreSQL in a JVM limited to
 * {@code -Xmx256m}, with a correct summary and heap that does not grow with the number of patients.
 * The run happens in a child JVM ({@link BulkInvitationScaleRun}) so that the heap limit applies to
 * it alone; its figures are written to {@code target/bulk-invitation-100k.txt}.
 */
class BulkInvitationScaleTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void inviteAllWhenHundredThousandPatientsOnPostgresThenCorrectSummaryWithinBoundedHeap() throws Exception {
        Map<String, String> figures = SmallHeapRun.figuresOf(BulkInvitationScaleRun.class, "bulk-invitation-100k.txt");

        int patients = BulkInvitationScaleRun.PATIENTS;
        long alreadyInvited = patients / 100;
        long registered = patients / 1_000;
        long badEmail = patients / 1_000;
        long noDob = patients / 2_000;
        long repeated = patients / 5_000;
        assertThat(figures.get("processed")).isEqualTo(String.valueOf(patients + repeated));
        // a repeat within the same chunk is REPEATED_IN_INPUT; one whose first row fell in the chunk
        // before has been invited by then and is ALREADY_INVITED
        long repeatsSeenAsInvited = Long.parseLong(figures.get("alreadyInvited")) - alreadyInvited;
        assertThat(repeatsSeenAsInvited).isBetween(0L, repeated);
        assertThat(Long.parseLong(figures.get("repeated")) + repeatsSeenAsInvited)
                .isEqualTo(repeated);
        assertThat(figures.get("alreadyRegistered")).isEqualTo(String.valueOf(registered));
        assertThat(figures.get("invalidEmail")).isEqualTo(String.valueOf(badEmail));
        assertThat(figures.get("invalid")).isEqualTo(String.valueOf(badEmail + noDob));
        long invited = patients - alreadyInvited - registered - badEmail - noDob;
        assertThat(figures.get("invited")).isEqualTo(String.valueOf(invited));
        assertThat(figures.get("sample")).isEqualTo("100");
        // every patient of the stream that is not registered or invalid has exactly one invitation, one
        // email and one creation audit entry (plus the settings change and the two runs' bulk-completed entries)
        List<String> rows = List.of(figures.get("rows").split(","));
        assertThat(Long.parseLong(rows.get(0))).isEqualTo(invited + alreadyInvited);
        assertThat(Long.parseLong(rows.get(1))).isEqualTo(invited + alreadyInvited);
        assertThat(Long.parseLong(rows.get(2))).isEqualTo(invited + alreadyInvited + 3);

        assertThat(Long.parseLong(figures.get("maxHeap"))).isLessThanOrEqualTo(SmallHeapRun.MAX_HEAP);
        // memory does not grow with the number of patients: live heap after 90 000 more rows is within
        // a few chunks' worth of what it was after 10 000
        long growth = Long.parseLong(figures.get("heapAtEnd")) - Long.parseLong(figures.get("heapAt10k"));
        assertThat(growth).as("live heap growth from 10 000 to 100 000 rows").isLessThan(24 * MIB);
    }
}
