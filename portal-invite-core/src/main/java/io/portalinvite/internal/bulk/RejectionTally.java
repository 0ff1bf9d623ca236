package io.portalinvite.internal.bulk;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The counts of a whole bulk run, bounded whatever the input's size: rows read, rows done,
 * skipped rows by reason, invalid rows by their first broken rule, and a capped sample of the
 * rejected rows in input order. Every rejection is also handed to the run's callback as it is
 * recorded. Not thread-safe; one per run.
 *
 * @param <R> the run's rejection record
 * @param <K> the rejection's reason
 */
public final class RejectionTally<R, K extends Enum<K>> {

    /** Distinct rules kept apart; past this, further rules are counted together as {@code other}. */
    static final int MAX_RULES = 1_000;

    private final Function<R, K> reason;
    private final Predicate<K> skippedReason;
    private final Function<R, String> detail;
    private final int sampleLimit;
    private final Consumer<? super R> onRejected;
    private final Map<K, Long> skipped;
    private final Map<String, Long> invalid = new HashMap<>();
    private final List<R> sample = new ArrayList<>();
    private boolean sampleComplete = true;
    private long processed;
    private long done;

    /**
     * Creates an empty tally.
     *
     * @param reasons the reason type
     * @param reason a rejection's reason
     * @param skippedReason whether a reason means skipped (counted by reason) rather than invalid
     *     (counted by the rule its detail names)
     * @param detail a rejection's detail: {@code field:rule} for an invalid row
     * @param sampleLimit how many rejections the sample keeps
     * @param onRejected told of every rejection as it is recorded
     */
    public RejectionTally(
            Class<K> reasons,
            Function<R, K> reason,
            Predicate<K> skippedReason,
            Function<R, String> detail,
            int sampleLimit,
            Consumer<? super R> onRejected) {
        this.skipped = new EnumMap<>(reasons);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.skippedReason = Objects.requireNonNull(skippedReason, "skippedReason");
        this.detail = Objects.requireNonNull(detail, "detail");
        this.sampleLimit = sampleLimit;
        this.onRejected = Objects.requireNonNull(onRejected, "onRejected");
    }

    /** Counts one row read. */
    public void read() {
        processed++;
    }

    /**
     * Counts rows done (invited, imported) once their chunk committed.
     *
     * @param rows how many
     */
    public void done(long rows) {
        done += rows;
    }

    /**
     * Records a rejected row.
     *
     * @param rejection the row and why
     */
    public void record(R rejection) {
        K why = reason.apply(rejection);
        String rule = detail.apply(rejection);
        if (skippedReason.test(why)) {
            skipped.merge(why, 1L, Long::sum);
        } else if (invalid.size() < MAX_RULES || invalid.containsKey(rule)) {
            invalid.merge(rule, 1L, Long::sum);
        } else {
            // field:rule pairs are a small set (grant indexes aside); this cap only guards memory
            invalid.merge("other", 1L, Long::sum);
        }
        if (sample.size() < sampleLimit) {
            sample.add(rejection);
        } else {
            sampleComplete = false;
        }
        onRejected.accept(rejection);
    }

    /**
     * Returns the rows read so far.
     *
     * @return the count
     */
    public long processed() {
        return processed;
    }

    /**
     * Returns the rows done so far.
     *
     * @return the count
     */
    public long done() {
        return done;
    }

    /**
     * Returns the skipped rows so far, by reason.
     *
     * @return a live view; copy it to keep it
     */
    public Map<K, Long> skipped() {
        return skipped;
    }

    /**
     * Returns the invalid rows so far, by {@code field:rule}.
     *
     * @return a live view; copy it to keep it
     */
    public Map<String, Long> invalid() {
        return invalid;
    }

    /**
     * Returns the first rejections, in input order.
     *
     * @return a live view; copy it to keep it
     */
    public List<R> sample() {
        return sample;
    }

    /**
     * Tells whether the sample holds every rejection.
     *
     * @return true while no rejection was left out of it
     */
    public boolean sampleComplete() {
        return sampleComplete;
    }
}
