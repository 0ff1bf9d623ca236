package io.portalinvite.benchmarks;

import com.sun.jna.Callback;
import com.sun.jna.CallbackReference;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.jna.Argon2Library;
import de.mkammerer.argon2.jna.Argon2_context;
import de.mkammerer.argon2.jna.Argon2_type;
import de.mkammerer.argon2.jna.Argon2_version;
import de.mkammerer.argon2.jna.JnaUint32;
import de.mkammerer.argon2.jna.Size_t;
import io.portalinvite.PortalInvite;
import io.portalinvite.account.LoginService.LoginResult;
import io.portalinvite.account.PortalAccount;
import io.portalinvite.account.PortalAccount.AccountStatus;
import io.portalinvite.common.AccountId;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.password.Argon2Parameters;
import io.portalinvite.password.Argon2idPasswordHasher;
import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.token.TokenKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters.Builder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Registration (hash) and login (verify through the login service) on the library's path, against
 * the physical floor — libargon2's Argon2id compute on a resident, pre-touched work area — with
 * the same parameters in the same run; plus argon2-jvm as shipped (libargon2 mallocs the area
 * per call), argon2-jvm with glibc told never to mmap (its own fork), and Bouncy Castle's
 * pure-Java Argon2. Scores are milliseconds per hash.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class Argon2Benchmark {

    private static final String PASSWORD = "violet kayak drifts over quiet granite";
    private static final String EMAIL = "ada@example.org";

    /** Memory cost in KiB and iterations, as {@code m/t}: OWASP's minimum and its 46 MiB option. */
    @Param({"19456/2", "47104/1"})
    public String cost;

    private Argon2Parameters parameters;
    private Argon2idPasswordHasher hasher;
    private PortalInvite portal;
    private Argon2 argon2Jvm;
    private final byte[] salt = new byte[16];

    /** Builds the library's hasher and login service with these parameters, and the peers. */
    @Setup(Level.Trial)
    public void start() {
        String[] mt = cost.split("/");
        parameters = new Argon2Parameters(Integer.parseInt(mt[0]), Integer.parseInt(mt[1]), 1);
        hasher = Argon2idPasswordHasher.builder().parameters(parameters).build();
        InMemoryPortalStorage storage = new InMemoryPortalStorage();
        Instant now = Instant.now();
        storage.accounts()
                .insert(new PortalAccount(
                        AccountId.random(),
                        EmailAddress.of(EMAIL),
                        hasher.hash(PASSWORD),
                        AccountStatus.ACTIVE,
                        0,
                        null,
                        now,
                        null,
                        now,
                        1));
        portal = PortalInvite.builder()
                .storage(storage)
                .tokenKey(TokenKey.generate())
                .emailSender(m -> {})
                .passwordHasher(hasher)
                .build();
        argon2Jvm = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id, 16, 32);
        new java.security.SecureRandom().nextBytes(salt);
    }

    /**
     * Registration's hashing: {@code PasswordHasher.hash} (NFKC, the concurrency bound, the pooled
     * work area, the PHC string).
     *
     * @return the PHC string
     */
    @Benchmark
    public String libraryRegistrationHash() {
        return hasher.hash(PASSWORD);
    }

    /**
     * A whole successful login on the in-memory stores: account lookup, verification, account
     * update, audit entry.
     *
     * @return the result
     */
    @Benchmark
    public LoginResult libraryLogin() {
        return portal.login().login(EMAIL, PASSWORD);
    }

    /**
     * The floor: libargon2's {@code argon2_ctx} on one work area allocated and touched once.
     *
     * @param floor the resident work area of this thread
     * @return the tag
     */
    @Benchmark
    public byte[] floorComputeOnResidentArea(Floor floor) {
        return floor.hash(parameters, salt);
    }

    /**
     * argon2-jvm as shipped: libargon2 mallocs and frees the work area on every call.
     *
     * @return the PHC string
     */
    @Benchmark
    public String argon2JvmMallocPerCall() {
        return argon2Jvm.hash(
                parameters.iterations(), parameters.memoryKiB(), 1, PASSWORD.toCharArray(), StandardCharsets.UTF_8);
    }

    /**
     * argon2-jvm with glibc's mmap turned off for this fork ({@code mallopt(M_MMAP_MAX, 0)}), so the
     * freed work area stays in the heap and is reused: the "told not to mmap" figure.
     *
     * @param noMmap turns mmap off in this fork
     * @return the PHC string
     */
    @Benchmark
    public String argon2JvmWithoutMmap(NoMmap noMmap) {
        return argon2Jvm.hash(
                parameters.iterations(), parameters.memoryKiB(), 1, PASSWORD.toCharArray(), StandardCharsets.UTF_8);
    }

    /**
     * Bouncy Castle's pure-Java Argon2id with the same parameters (its own heap blocks per call).
     *
     * @return the tag
     */
    @Benchmark
    public byte[] bouncyCastle() {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Builder(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_id)
                .withVersion(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(parameters.memoryKiB())
                .withIterations(parameters.iterations())
                .withParallelism(1)
                .withSalt(salt)
                .build());
        byte[] out = new byte[32];
        generator.generateBytes(PASSWORD.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }

    /** glibc's {@code mallopt}. */
    public interface LibC extends Library {
        /** {@code M_MMAP_MAX}: the most chunks malloc may serve with mmap; 0 turns mmap off. */
        int M_MMAP_MAX = -4;
        /** {@code M_TRIM_THRESHOLD}: free heap top kept before it is returned to the kernel. */
        int M_TRIM_THRESHOLD = -1;

        /**
         * Sets a malloc parameter.
         *
         * @param param which
         * @param value the value
         * @return 1 on success
         */
        int mallopt(int param, int value);
    }

    /** Turns glibc's mmap off (and heap trimming) for the fork that uses it. */
    @State(Scope.Benchmark)
    public static class NoMmap {
        /** Applies the settings; fails the benchmark when glibc refuses. */
        @Setup(Level.Trial)
        public void apply() {
            LibC libc = Native.load("c", LibC.class);
            if (libc.mallopt(LibC.M_MMAP_MAX, 0) != 1 || libc.mallopt(LibC.M_TRIM_THRESHOLD, Integer.MAX_VALUE) != 1) {
                throw new IllegalStateException("mallopt refused");
            }
        }
    }

    /** One work area per benchmark thread, allocated and touched once, handed to libargon2 by callback. */
    @State(Scope.Thread)
    public static class Floor {
        private Memory area;
        private final Memory out = new Memory(32);
        private final Memory pwd = new Memory(PASSWORD.getBytes(StandardCharsets.UTF_8).length);
        private final Memory saltMemory = new Memory(16);
        private final Alloc alloc = (memory, bytes) -> {
            if (bytes.longValue() > area.size()) {
                return -22;
            }
            memory.setPointer(0, area);
            return 0;
        };
        private final Free free = (memory, bytes) -> {};
        private final Pointer allocPointer = CallbackReference.getFunctionPointer(alloc);
        private final Pointer freePointer = CallbackReference.getFunctionPointer(free);

        /** {@code allocate_fptr}. */
        public interface Alloc extends Callback {
            /**
             * Hands out the area.
             *
             * @param memory where to store its address
             * @param bytes size wanted
             * @return 0
             */
            int invoke(Pointer memory, Size_t bytes);
        }

        /** {@code deallocate_fptr}: keeps the area. */
        public interface Free extends Callback {
            /**
             * Does nothing.
             *
             * @param memory the area
             * @param bytes its size
             */
            void invoke(Pointer memory, Size_t bytes);
        }

        byte[] hash(Argon2Parameters parameters, byte[] salt) {
            if (area == null) {
                area = new Memory((long) parameters.memoryKiB() * 1024);
                area.clear();
            }
            byte[] password = PASSWORD.getBytes(StandardCharsets.UTF_8);
            pwd.write(0, password, 0, password.length);
            saltMemory.write(0, salt, 0, salt.length);
            Argon2_context.ByReference context = new Argon2_context.ByReference();
            context.out = out;
            context.outlen = new JnaUint32(32);
            context.pwd = pwd;
            context.pwdlen = new JnaUint32(password.length);
            context.salt = saltMemory;
            context.saltlen = new JnaUint32(16);
            context.t_cost = new JnaUint32(parameters.iterations());
            context.m_cost = new JnaUint32(parameters.memoryKiB());
            context.lanes = new JnaUint32(1);
            context.threads = new JnaUint32(1);
            context.version = new Argon2_version(0x13);
            context.allocate_cbk = allocPointer;
            context.free_cbk = freePointer;
            context.flags = new JnaUint32(0);
            int result = Argon2Library.INSTANCE.argon2_ctx(context, new Argon2_type(2));
            if (result != 0) {
                throw new IllegalStateException("argon2_ctx: " + result);
            }
            return out.getByteArray(0, 32);
        }
    }
}
