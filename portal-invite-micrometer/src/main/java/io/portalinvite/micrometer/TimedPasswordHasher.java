package io.portalinvite.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.portalinvite.password.PasswordHasher;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Times every password hash and verification in Micrometer as {@value #METER}, tagged
 * {@code operation} = {@code hash} or {@code verify}: the figure to watch when tuning Argon2
 * parameters or sizing for a burst of logins.
 */
public final class TimedPasswordHasher implements PasswordHasher {

    /** The timer's name. */
    public static final String METER = "portal.invite.password.hashing";

    private final PasswordHasher delegate;
    private final Supplier<@Nullable MeterRegistry> registry;

    /**
     * Wraps a hasher.
     *
     * @param delegate the hasher doing the work
     * @param registry where the timer goes
     */
    public TimedPasswordHasher(PasswordHasher delegate, MeterRegistry registry) {
        this(delegate, constant(registry));
    }

    /**
     * Wraps a hasher, with the registry looked up at each use.
     *
     * @param delegate the hasher doing the work
     * @param registry supplies the registry, or null when there is none (nothing is timed then)
     */
    public TimedPasswordHasher(PasswordHasher delegate, Supplier<@Nullable MeterRegistry> registry) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public String hash(CharSequence password) {
        return time("hash", () -> delegate.hash(password));
    }

    @Override
    public boolean verify(String encodedHash, CharSequence password) {
        return time("verify", () -> delegate.verify(encodedHash, password));
    }

    @Override
    public boolean needsRehash(String encodedHash) {
        return delegate.needsRehash(encodedHash);
    }

    /**
     * Returns the wrapped hasher.
     *
     * @return the delegate
     */
    public PasswordHasher delegate() {
        return delegate;
    }

    private <T> T time(String operation, Supplier<T> work) {
        MeterRegistry r = registry.get();
        if (r == null) {
            return work.get();
        }
        return Timer.builder(METER)
                .description("Argon2id password hashing and verification")
                .tag("operation", operation)
                .register(r)
                .record(work);
    }

    private static Supplier<@Nullable MeterRegistry> constant(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        return () -> registry;
    }
}
