package io.portalinvite.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
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
        Map<String, String> figures = SmallHeapRun.figuresOf(AccountImportScaleRun.class, "account-import-10k.txt");

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
        assertThat(Long.parseLong(figures.get("maxHeap"))).isLessThanOrEqualTo(SmallHeapRun.MAX_HEAP);
        // the file is never held whole: live heap after the import is close to what it was after 1 000 accounts
        long growth = Long.parseLong(figures.get("heapAfterImport")) - Long.parseLong(figures.get("heapAt1k"));
        assertThat(growth).as("live heap growth from 1 000 to 10 000 accounts").isLessThan(16 * MIB);
    }
}
