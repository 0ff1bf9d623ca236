package io.portalinvite.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.portalinvite.internal.password.LegacyPasswordHash;
import io.portalinvite.internal.password.LegacyPasswordHash.UnsupportedPasswordHashException;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing (Jazzer) of the parser of imported password hashes, which reads strings
 * another system wrote. Every input is either refused with an {@link UnsupportedPasswordHashException}
 * naming the field, a {@code password_hash.*} rule and not the input, or accepted within the stated
 * bounds, its stored form reading back as the same format. Seeds live under
 * {@code src/test/resources/io/portalinvite/fuzz/LegacyHashFuzzTestInputs/legacyPasswordHash/}; run as
 * {@link ParserFuzzTest} describes.
 */
class LegacyHashFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void legacyPasswordHash(byte[] input) {
        String raw = new String(input, StandardCharsets.UTF_8);
        LegacyPasswordHash parsed;
        try {
            parsed = LegacyPasswordHash.parse("passwordHash", raw);
        } catch (UnsupportedPasswordHashException refused) {
            assertThat(refused.violations()).singleElement().satisfies(v -> {
                assertThat(v.field()).isEqualTo("passwordHash");
                assertThat(v.rule()).startsWith("password_hash.");
            });
            if (raw.length() > 12) {
                assertThat(refused.getMessage()).doesNotContain(raw);
            }
            return;
        }
        assertThat(raw.length()).isLessThanOrEqualTo(LegacyPasswordHash.MAX_LENGTH);
        assertThat(parsed.stored()).isEqualTo(LegacyPasswordHash.STORED_PREFIX + raw);
        assertThat(LegacyPasswordHash.fromStored(parsed.stored()))
                .map(LegacyPasswordHash::format)
                .contains(parsed.format());
        assertThat(parsed.toString()).doesNotContain("$");
    }
}
