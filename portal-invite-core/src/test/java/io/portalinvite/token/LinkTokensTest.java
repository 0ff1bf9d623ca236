package io.portalinvite.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalinvite.token.LinkToken.InvalidLinkException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Checklist A1–A4: token entropy, format, derivation and digest. */
class LinkTokensTest {

    private static final Pattern FORMAT = Pattern.compile("^[A-Za-z0-9_-]{43}$");

    private final LinkTokens tokens =
            new LinkTokens(TokenKey.generate(), new SecureRandom(), LinkToken.Purpose.INVITATION);

    @Test
    void deriveWhenHundredThousandIssuesThenAllDistinctAndWellFormed() {
        Set<String> seen = new HashSet<>();
        UUID invitation = UUID.randomUUID();
        for (int i = 0; i < 100_000; i++) {
            String token = tokens.derive(invitation, tokens.newNonce()).reveal();
            assertThat(token).hasSize(43).matches(FORMAT);
            assertThat(seen.add(token)).as("token %d is new", i).isTrue();
        }
    }

    @Test
    void deriveWhenSameInputsThenSameTokenAndAnyChangeGivesAnother() {
        UUID id = UUID.randomUUID();
        TokenNonce nonce = tokens.newNonce();
        String token = tokens.derive(id, nonce).reveal();

        assertThat(tokens.derive(id, nonce).reveal()).isEqualTo(token);
        assertThat(tokens.derive(UUID.randomUUID(), nonce).reveal()).isNotEqualTo(token);
        assertThat(tokens.derive(id, tokens.newNonce()).reveal()).isNotEqualTo(token);
        assertThat(new LinkTokens(TokenKey.generate(), new SecureRandom(), LinkToken.Purpose.INVITATION)
                        .derive(id, nonce)
                        .reveal())
                .as("a database without the key cannot rebuild a link")
                .isNotEqualTo(token);
    }

    @Test
    void digestWhenComputedThenSha256OfTheTokenAndNeverTheToken() {
        UUID id = UUID.randomUUID();
        TokenNonce nonce = tokens.newNonce();
        LinkToken token = tokens.derive(id, nonce);
        TokenDigest digest = tokens.digest(id, nonce);

        assertThat(digest).isEqualTo(TokenDigest.of(token));
        assertThat(digest.hex()).hasSize(64).doesNotContain(token.reveal());
        assertThat(digest.matches(TokenDigest.of(token))).isTrue();
        assertThat(digest.matches(tokens.digest(id, tokens.newNonce()))).isFalse();
    }

    @Test
    void parseWhenMalformedThenGenericInvalidLink() {
        for (String bad : List.of(
                "",
                "abc",
                "A".repeat(42),
                "A".repeat(44),
                "A".repeat(42) + "=",
                "A".repeat(42) + "+",
                "A".repeat(42) + "\n",
                "A".repeat(42) + "é")) {
            assertThatThrownBy(() -> LinkToken.parse(LinkToken.Purpose.INVITATION, bad))
                    .isInstanceOf(InvalidLinkException.class)
                    .hasMessage(InvalidLinkException.MESSAGE);
        }
    }

    @Test
    void keyWhenShorterThan256BitsThenRejected() {
        assertThatThrownBy(() -> TokenKey.of(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThat(TokenKey.fromBase64("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")
                        .toString())
                .doesNotContain("AAEC");
    }

    @Test
    void tokenPackageWhenScannedThenUsesNoWeakRandomness() throws IOException {
        Path dir = Path.of("src/main/java/io/portalinvite/token");
        assertThat(dir).isDirectory();
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> sources =
                    files.filter(p -> p.toString().endsWith(".java")).toList();
            assertThat(sources).isNotEmpty();
            for (Path source : sources) {
                String code = Files.readString(source);
                assertThat(code)
                        .as(source.toString())
                        .doesNotContain("java.util.Random")
                        .doesNotContain("Math.random")
                        .doesNotContain("UUID.randomUUID")
                        .doesNotContain("new Random(");
            }
        }
    }

    @Test
    void deriveWhenSamePurposeIdAndNonceThenSameTokenAndOtherPurposeNeverMatches() {
        TokenKey key = TokenKey.generate();
        LinkTokens invitations = new LinkTokens(key, new SecureRandom(), LinkToken.Purpose.INVITATION);
        LinkTokens resets = new LinkTokens(key, new SecureRandom(), LinkToken.Purpose.PASSWORD_RESET);
        for (int i = 0; i < 1_000; i++) {
            UUID id = UUID.randomUUID();
            TokenNonce nonce = invitations.newNonce();

            assertThat(invitations.derive(id, nonce).reveal())
                    .isEqualTo(invitations.derive(id, nonce).reveal());
            assertThat(resets.digest(id, nonce)).isNotEqualTo(invitations.digest(id, nonce));
            assertThat(resets.derive(id, nonce).purpose()).isEqualTo(LinkToken.Purpose.PASSWORD_RESET);
        }
    }
}
