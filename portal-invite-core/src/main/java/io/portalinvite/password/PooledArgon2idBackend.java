package io.portalinvite.password;

import com.sun.jna.Callback;
import com.sun.jna.CallbackReference;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import de.mkammerer.argon2.jna.Argon2Library;
import de.mkammerer.argon2.jna.Argon2_context;
import de.mkammerer.argon2.jna.Argon2_type;
import de.mkammerer.argon2.jna.Argon2_version;
import de.mkammerer.argon2.jna.JnaUint32;
import de.mkammerer.argon2.jna.Size_t;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link Argon2Backend}: libargon2's {@code argon2_ctx} (the library argon2-jvm
 * bundles, through argon2-jvm's JNA binding) with an {@code argon2_context} whose
 * {@code allocate_cbk}/{@code free_cbk} take the work area from a {@link NativeBlockPool} instead of
 * malloc.
 *
 * <p><b>Why.</b> argon2-jvm's {@code argon2id_hash_encoded} lets libargon2 malloc and free the
 * block array on every call; above glibc's mmap threshold (128 KiB by default, adapting up to
 * 32 MiB) every call maps, page-faults and unmaps the whole area: ~225 ms instead of ~27 ms of
 * compute at m=47104 KiB on a two-core machine. With pooled, pre-touched blocks a hash costs the
 * compute at any memory size. Hashes are byte-identical to argon2-jvm's for the same salt and
 * parameters, and the PHC string is libargon2's format.
 *
 * <p><b>Memory bound.</b> The pool keeps at most {@code maxBlocks} blocks (the hasher's concurrency
 * bound): the same peak native memory as before ({@code maxConcurrent × memoryKiB}), but held for
 * the life of the hasher instead of only while hashes run. That is the trade-off: resident memory
 * after the first burst of logins, in exchange for not paying the kernel per hash. Blocks larger
 * than the configured cost (old hashes with a higher cost) are not kept.
 *
 * <p><b>Secrecy.</b> No password-derived memory stays readable after a hash: libargon2 wipes the
 * work area with {@code secure_wipe_memory} before calling {@code free_cbk} (its
 * {@code FLAG_clear_internal_memory}, on by default and not exported). The free callback checks
 * that on a sample of words in every 1 KiB-block stride, and zeroes the whole area itself if it
 * ever finds one non-zero (and at start-up the self-test checks every byte once), so a libargon2
 * built without the wipe still leaves nothing behind; the second full wipe is skipped when the
 * first is verified, because it would cost ~5 % of each hash. On an error return where libargon2
 * never called {@code free_cbk}, the area is zeroed here. The password's UTF-8 bytes live in
 * native memory that libargon2 clears ({@code ARGON2_FLAG_CLEAR_PASSWORD}) and that is zeroed
 * again here; the output tag buffer is zeroed after it is copied out.
 *
 * <p>Thread-safe. The callbacks run on the calling thread (libargon2 allocates and frees on the
 * thread that called {@code argon2_ctx}, lanes' worker threads only fill), so a thread-local
 * tells them which call they serve.
 */
final class PooledArgon2idBackend implements Argon2Backend {

    private static final Logger LOG = LoggerFactory.getLogger(PooledArgon2idBackend.class);

    private static final int ARGON2_OK = 0;
    private static final int ARGON2_MEMORY_ALLOCATION_ERROR = -22;
    private static final long ARGON2_ID = 2;
    private static final int ARGON2_VERSION_13 = 0x13;
    private static final int ARGON2_FLAG_CLEAR_PASSWORD = 1;
    private static final int BLOCK_BYTES = 1024;
    /** Words sampled per 1 KiB block when checking libargon2's wipe: start, middle and end. */
    private static final int[] SAMPLE_OFFSETS = {0, 504, 1016};
    /** Largest view checked at once; a multiple of the block size. */
    private static final long VIEW_BYTES = 1L << 30;

    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private final Argon2Library library = Argon2Library.INSTANCE;
    private final NativeBlockPool pool;
    private final SecureRandom random = new SecureRandom();
    private final ThreadLocal<@Nullable Call> current = new ThreadLocal<>();
    // strongly referenced: JNA frees a callback's native trampoline when its Java object is collected
    private final AllocateCallback allocate = this::allocate;
    private final FreeCallback free = this::free;
    private final Pointer allocatePointer = CallbackReference.getFunctionPointer(allocate);
    private final Pointer freePointer = CallbackReference.getFunctionPointer(free);
    private volatile boolean checkEveryByte;
    private volatile boolean selfWipe;

    /**
     * Creates the backend and checks, on one small hash, that libargon2 wipes its work area.
     *
     * @param maxBlocks the most work areas kept at once: the hasher's concurrency bound
     * @param parameters the configured cost; larger work areas are not kept
     */
    PooledArgon2idBackend(int maxBlocks, Argon2Parameters parameters) {
        this.pool = new NativeBlockPool(maxBlocks, workAreaBytes(parameters));
        checkEveryByte = true;
        try {
            rawHash(
                    new Argon2Parameters(Argon2Parameters.MIN_MEMORY_KIB, 1, 1),
                    "wipe check".getBytes(StandardCharsets.UTF_8),
                    new byte[16],
                    32);
        } finally {
            checkEveryByte = false;
        }
        if (selfWipe) {
            LOG.warn("libargon2 does not wipe its work area before freeing it; portal-invite zeroes"
                    + " it instead, at a small cost per hash");
        }
    }

    @Override
    public String hash(Argon2Parameters parameters, char[] password) {
        byte[] salt = new byte[Argon2idPasswordHasher.SALT_LENGTH_BYTES];
        random.nextBytes(salt);
        return hash(parameters, password, salt);
    }

    /** Hashes with a given salt; the seam for comparing output with argon2-jvm's. */
    String hash(Argon2Parameters parameters, char[] password, byte[] salt) {
        byte[] utf8 = utf8(password);
        try {
            byte[] tag = rawHash(parameters, utf8, salt, Argon2idPasswordHasher.TAG_LENGTH_BYTES);
            return "$argon2id$v=19$m=" + parameters.memoryKiB() + ",t=" + parameters.iterations()
                    + ",p=" + parameters.parallelism() + "$" + B64.encodeToString(salt) + "$"
                    + B64.encodeToString(tag);
        } finally {
            Arrays.fill(utf8, (byte) 0);
        }
    }

    @Override
    public boolean verify(String encodedHash, char[] password) {
        Optional<EncodedArgon2Hash> parsed = EncodedArgon2Hash.parse(encodedHash);
        if (parsed.isEmpty() || !parsed.get().isArgon2idVersion13()) {
            return false;
        }
        // parse() accepted the shape $argon2id$v=19$m=…,t=…,p=…$salt$tag
        String[] parts = encodedHash.split("\\$", -1);
        byte[] salt = B64_DECODER.decode(parts[4]);
        byte[] expected = B64_DECODER.decode(parts[5]);
        byte[] utf8 = utf8(password);
        try {
            byte[] actual = rawHash(parsed.get().parameters(), utf8, salt, expected.length);
            return MessageDigest.isEqual(actual, expected);
        } finally {
            Arrays.fill(utf8, (byte) 0);
        }
    }

    /** Exposes the pool's counters to tests. */
    NativeBlockPool pool() {
        return pool;
    }

    /** Tells tests whether the start-up check found libargon2 not wiping its work area. */
    boolean wipesItself() {
        return selfWipe;
    }

    private byte[] rawHash(Argon2Parameters parameters, byte[] password, byte[] salt, int tagLength) {
        Memory pwd = new Memory(Math.max(1, password.length));
        Memory saltMemory = new Memory(salt.length);
        Memory out = new Memory(tagLength);
        Call call = new Call();
        current.set(call);
        try {
            pwd.write(0, password, 0, password.length);
            saltMemory.write(0, salt, 0, salt.length);
            Argon2_context.ByReference context = new Argon2_context.ByReference();
            context.out = out;
            context.outlen = new JnaUint32(tagLength);
            context.pwd = pwd;
            context.pwdlen = new JnaUint32(password.length);
            context.salt = saltMemory;
            context.saltlen = new JnaUint32(salt.length);
            context.t_cost = new JnaUint32(parameters.iterations());
            context.m_cost = new JnaUint32(parameters.memoryKiB());
            context.lanes = new JnaUint32(parameters.parallelism());
            context.threads = new JnaUint32(parameters.parallelism());
            context.version = new Argon2_version(ARGON2_VERSION_13);
            context.allocate_cbk = allocatePointer;
            context.free_cbk = freePointer;
            context.flags = new JnaUint32(ARGON2_FLAG_CLEAR_PASSWORD);
            int result = library.argon2_ctx(context, new Argon2_type(ARGON2_ID));
            if (call.failure != null) {
                throw new IllegalStateException("work area handling failed", call.failure);
            }
            if (result != ARGON2_OK) {
                throw new IllegalStateException("libargon2 failed: " + library.argon2_error_message(result));
            }
            return out.getByteArray(0, tagLength);
        } finally {
            current.remove();
            NativeBlockPool.Block block = call.block;
            if (block != null) {
                // libargon2 returned without calling free_cbk (an error path): wipe and return it here
                block.memory().clear();
                pool.release(block);
            }
            pwd.clear();
            out.clear();
            pwd.close();
            saltMemory.close();
            out.close();
        }
    }

    /** {@code int allocate_fptr(uint8_t **memory, size_t bytes_to_allocate)}. */
    private int allocate(Pointer memory, Size_t bytes) {
        Call call = current.get();
        if (call == null || call.block != null) {
            return ARGON2_MEMORY_ALLOCATION_ERROR;
        }
        try {
            NativeBlockPool.Block block = pool.acquire(bytes.longValue());
            call.block = block;
            memory.setPointer(0, block.memory());
            return ARGON2_OK;
        } catch (RuntimeException | Error e) {
            call.failure = e;
            return ARGON2_MEMORY_ALLOCATION_ERROR;
        }
    }

    /** {@code void deallocate_fptr(uint8_t *memory, size_t bytes_to_allocate)}. */
    private void free(Pointer memory, Size_t bytes) {
        Call call = current.get();
        if (call == null || call.block == null) {
            return;
        }
        NativeBlockPool.Block block = call.block;
        call.block = null;
        try {
            if (!isWiped(block.memory())) {
                selfWipe = true;
                block.memory().clear();
            }
        } catch (RuntimeException | Error e) {
            block.memory().clear();
            call.failure = e;
        }
        pool.release(block);
    }

    /**
     * Checks libargon2's wipe: every byte during the start-up self-test, afterwards three words of
     * every 1 KiB block (libargon2 wipes with one memset, so a skipped wipe shows everywhere).
     */
    private boolean isWiped(Memory memory) {
        if (selfWipe) {
            return false;
        }
        // direct-buffer views (at most 1 GiB each, buffers are int-indexed): reads compile to plain
        // loads, where Memory.getLong is a native call each (tens of thousands per check cost ~10 %
        // of a hash)
        long size = memory.size();
        for (long base = 0; base < size; base += VIEW_BYTES) {
            ByteBuffer area = memory.getByteBuffer(base, Math.min(VIEW_BYTES, size - base))
                    .order(ByteOrder.nativeOrder());
            if (!isWiped(area)) {
                return false;
            }
        }
        return true;
    }

    private boolean isWiped(ByteBuffer area) {
        int size = area.capacity();
        if (checkEveryByte) {
            for (int offset = 0; offset + 8 <= size; offset += 8) {
                if (area.getLong(offset) != 0) {
                    return false;
                }
            }
            return true;
        }
        for (int block = 0; block + BLOCK_BYTES <= size; block += BLOCK_BYTES) {
            for (int offset : SAMPLE_OFFSETS) {
                if (area.getLong(block + offset) != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Libargon2's work area for these parameters, in bytes, as its {@code initialize} sizes it. */
    static long workAreaBytes(Argon2Parameters parameters) {
        long lanes = parameters.parallelism();
        long blocks = Math.max(parameters.memoryKiB(), 8 * lanes);
        long segment = blocks / (lanes * 4);
        return segment * lanes * 4 * BLOCK_BYTES;
    }

    private static byte[] utf8(char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = Arrays.copyOfRange(encoded.array(), encoded.position(), encoded.limit());
        Arrays.fill(encoded.array(), (byte) 0);
        return bytes;
    }

    /** What the callbacks of one {@code argon2_ctx} call share with it. */
    private static final class Call {
        private NativeBlockPool.@Nullable Block block;
        private @Nullable Throwable failure;
    }

    /** libargon2's {@code allocate_fptr}. */
    interface AllocateCallback extends Callback {
        /**
         * Stores a work area's address in {@code *memory}.
         *
         * @param memory where to store the address
         * @param bytes the size wanted
         * @return 0 on success, a libargon2 error code otherwise
         */
        int invoke(Pointer memory, Size_t bytes);
    }

    /** libargon2's {@code deallocate_fptr}. */
    interface FreeCallback extends Callback {
        /**
         * Takes a work area back.
         *
         * @param memory its address
         * @param bytes its size
         */
        void invoke(Pointer memory, Size_t bytes);
    }
}
