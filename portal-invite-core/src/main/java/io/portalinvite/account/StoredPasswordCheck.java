package io.portalinvite.account;

import io.portalinvite.internal.password.LegacyPasswordHash;
import io.portalinvite.internal.password.LegacyPasswordVerifier;
import io.portalinvite.password.PasswordHasher;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a sign-in password against whatever hash an account holds — the library's own Argon2id
 * hash or one {@linkplain AccountImportService imported} from another system — and says which new
 * hash to store when the password matched.
 *
 * <p>An imported hash is checked by {@link LegacyPasswordVerifier} (the password's NFKC form, then
 * its bytes as typed, once each) and, on a match, replaced by an Argon2id hash of the password made
 * with the current parameters, so an account leaves its old format at its first successful sign-in.
 * A library hash is checked by the {@link PasswordHasher} and rehashed when its parameters are old.
 *
 * <p><b>Timing.</b> A wrong password for an imported account must take as long as one for an
 * unknown email, which costs one Argon2id verification against a dummy hash. The old format's cost
 * is not the Argon2id cost, so a failed check of an imported hash waits until it has taken as long
 * as one of the last {@value #WINDOW} Argon2id verifications, drawn at random (measured through
 * {@link #hasher()}, which every verification of the login service goes through): its times then
 * follow the same distribution as the unknown path's — median, spread and the slowdowns of a busy
 * host alike — not just the same typical value. An old hash that costs more than that on its own
 * cannot be hidden this way; {@code docs/account-import.md} says so.
 */
final class StoredPasswordCheck {

    private static final Logger log = LoggerFactory.getLogger(StoredPasswordCheck.class);

    /** How many recent Argon2id verification times the padding target is drawn from. */
    static final int WINDOW = 64;

    /** How long before the padding deadline a failed imported check stops sleeping and spins. */
    private static final long SPIN_NANOS = 3_000_000;

    private final PasswordHasher hasher;
    private final LegacyPasswordVerifier legacy;
    private final MeasuredHasher measured;
    private final long[] recent = new long[WINDOW];
    private int recorded;
    private volatile @Nullable String dummy;

    /**
     * Creates the check.
     *
     * @param hasher the library's hasher: checks its own hashes and makes every new one
     * @param legacy checks imported hashes
     */
    StoredPasswordCheck(PasswordHasher hasher, LegacyPasswordVerifier legacy) {
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.legacy = Objects.requireNonNull(legacy, "legacy");
        this.measured = new MeasuredHasher();
    }

    /**
     * Returns the hasher to use for every other verification of the sign-in path (the dummy work for
     * unknown accounts): the library's hasher, timed, so the padding of failed imported checks
     * follows what an unknown email really costs.
     *
     * @return the timed hasher
     */
    PasswordHasher hasher() {
        return measured;
    }

    /**
     * Checks a password against a stored hash.
     *
     * @param storedHash the account's stored hash
     * @param password the password as typed
     * @return whether it matched and, if so, the hash to store instead (or null to keep it)
     */
    Outcome check(String storedHash, String password) {
        if (!LegacyPasswordHash.isStored(storedHash)) {
            if (!measured.verify(storedHash, password)) {
                return Outcome.MISMATCH;
            }
            return hasher.needsRehash(storedHash) ? new Outcome(true, hasher.hash(password), null) : Outcome.KEPT;
        }
        long start = System.nanoTime();
        Optional<LegacyPasswordHash> parsed = LegacyPasswordHash.fromStored(storedHash);
        if (parsed.isEmpty()) {
            // only an edited row or tightened bounds get here: import refuses what does not parse
            log.warn("Stored imported password hash no longer parses; treating it as a mismatch");
        } else if (legacy.verify(parsed.get(), password)) {
            return new Outcome(
                    true, hasher.hash(password), parsed.get().format().code());
        }
        padUntil(start + target());
        return Outcome.MISMATCH;
    }

    /** One of the recent Argon2id verification times, drawn at random; measured once on a dummy hash when none is known. */
    private long target() {
        synchronized (recent) {
            if (recorded > 0) {
                return recent[ThreadLocalRandom.current().nextInt(Math.min(recorded, WINDOW))];
            }
        }
        long start = System.nanoTime();
        measured.verify(dummy(), "not the password");
        return System.nanoTime() - start;
    }

    private String dummy() {
        String d = dummy;
        if (d == null) {
            d = hasher.hash("portal-invite timing reference " + System.nanoTime());
            dummy = d;
        }
        return d;
    }

    /**
     * Sleeps until shortly before the deadline and spins the rest. A thread woken from sleep on a busy
     * host waits for a core before it runs again, which the Argon2id path, busy all along, does not:
     * sleeping to the deadline would make this path the slower one by that wake-up delay, exactly when
     * the host is loaded. Spinning the last stretch keeps the thread competing for a core as the
     * Argon2id path does.
     */
    private static void padUntil(long deadline) {
        for (long left = deadline - System.nanoTime(); left > SPIN_NANOS; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left - SPIN_NANOS);
        }
        while (System.nanoTime() - deadline < 0) {
            Thread.onSpinWait();
        }
    }

    private void record(long nanos) {
        synchronized (recent) {
            recent[recorded % WINDOW] = nanos;
            recorded = recorded == Integer.MAX_VALUE ? WINDOW : recorded + 1;
        }
    }

    /**
     * The result of a check.
     *
     * @param matched whether the password matched
     * @param newHash the hash to store instead of the old one, or null to keep it
     * @param upgradedFrom the imported format the account leaves ({@link LegacyPasswordHash.Format#code()}),
     *     or null when the stored hash was the library's own
     */
    record Outcome(
            boolean matched,
            @Nullable String newHash,
            @Nullable String upgradedFrom) {
        static final Outcome MISMATCH = new Outcome(false, null, null);
        static final Outcome KEPT = new Outcome(true, null, null);
    }

    /** The library's hasher with each verification timed. */
    private final class MeasuredHasher implements PasswordHasher {

        @Override
        public String hash(CharSequence password) {
            return hasher.hash(password);
        }

        @Override
        public boolean verify(String encodedHash, CharSequence password) {
            long start = System.nanoTime();
            boolean ok = hasher.verify(encodedHash, password);
            record(System.nanoTime() - start);
            return ok;
        }

        @Override
        public boolean needsRehash(String encodedHash) {
            return hasher.needsRehash(encodedHash);
        }

        @Override
        public String toString() {
            return hasher.toString();
        }
    }
}
