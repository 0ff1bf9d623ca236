package io.portalinvite.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Account import at scale in a JVM limited to {@code -Xmx256m}: {@value AccountImportScaleRun#ACCOUNTS}
 * accounts with mixed legacy hashes (every accepted form, ASCII, NFD and full-width passwords, hashed
 * with and without NFKC) import from one file in one streaming call on PostgreSQL; every one then
 * signs in with its original password and ends with an Argon2id hash. The run happens in a child
 * JVM ({@link AccountImportScaleRun}) so that the heap limit applies to it alone; its figures are
 * written to {@code target/account-import-10k.txt}.
 */
class AccountImportScaleTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void importAllWhenTenThousandMixedLegacyHashesInSmallHeapThenEverySignInWorksAndEndsArgon2id() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(
                        java,
                        "-Xmx256m",
                        "-XX:+UseSerialGC",
                        "-cp",
                        System.getProperty("java.class.path"),
                        AccountImportScaleRun.class.getName())
                .redirectErrorStream(true);
        pb.environment().putAll(System.getenv());
        Process process = pb.start();
        StringBuilder output = new StringBuilder();
        String result = null;
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("RESULT ")) {
                    result = line;
                } else if (output.length() < 20_000) {
                    output.append(line).append('\n');
                }
            }
        }
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as("child JVM output:\n%s", output).isZero();
        assertThat(result).as("child JVM output:\n%s", output).isNotNull();
        Files.writeString(Path.of("target", "account-import-10k.txt"), result + "\n");
        System.out.println("account import 10k: " + result);
        Map<String, String> figures = parse(result);

        int accounts = AccountImportScaleRun.ACCOUNTS;
        int bad = AccountImportScaleRun.BAD_ROWS;
        assertThat(figures.get("processed")).isEqualTo(String.valueOf(accounts + bad));
        assertThat(figures.get("imported")).isEqualTo(String.valueOf(accounts));
        assertThat(figures.get("invalid")).isEqualTo(String.valueOf(bad));
        assertThat(figures.get("invalidRules")).isEqualTo("passwordHash:password_hash.plain_text_refused");
        assertThat(figures.get("skipped")).isEqualTo("0");
        assertThat(figures.get("accounts")).isEqualTo(String.valueOf(accounts));
        assertThat(figures.get("grants")).isEqualTo(String.valueOf(accounts + accounts / 10));
        assertThat(figures.get("importedAudit")).isEqualTo(String.valueOf(accounts));
        assertThat(figures.get("failedSignIns")).isEqualTo("none");
        assertThat(figures.get("signedIn")).isEqualTo(String.valueOf(accounts));
        assertThat(figures.get("argon2id")).isEqualTo(String.valueOf(accounts));
        assertThat(figures.get("legacyLeft")).isEqualTo("0");
        assertThat(figures.get("upgradedAudit")).isEqualTo(String.valueOf(accounts));
        assertThat(Long.parseLong(figures.get("maxHeap"))).isLessThanOrEqualTo(256 * MIB);
        // the file is never held whole: live heap after the import is close to what it was after 1 000 accounts
        long growth = Long.parseLong(figures.get("heapAfterImport")) - Long.parseLong(figures.get("heapAt1k"));
        assertThat(growth).as("live heap growth from 1 000 to 10 000 accounts").isLessThan(16 * MIB);
    }

    private static Map<String, String> parse(String line) {
        Map<String, String> out = new HashMap<>();
        for (String part : line.substring("RESULT ".length()).split(" ")) {
            int eq = part.indexOf('=');
            out.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return out;
    }
}
