package io.portalinvite.authenticator;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.common.AccountId;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecoveryCodesTest {

    private final AccountId ada = AccountId.random();

    @Test
    void generateWhenCalledThenTenDistinctGroupedBase32Codes() {
        List<String> codes = RecoveryCodes.generate(new SecureRandom());
        assertThat(codes).hasSize(10).doesNotHaveDuplicates();
        assertThat(codes).allMatch(c -> c.matches("[A-Z2-7]{4}(-[A-Z2-7]{4}){3}"));
    }

    @Test
    void digestWhenTypedWithOtherCaseSpacesOrLookAlikeDigitsThenSameDigest() {
        String code = "ABCD-EFGH-IJKL-MOPB";
        String stored = RecoveryCodes.digest(ada, code).orElseThrow();
        assertThat(stored).hasSize(43);
        assertThat(RecoveryCodes.digest(ada, "abcd efgh ijkl mopb")).contains(stored);
        assertThat(RecoveryCodes.digest(ada, "ABCDEFGH1JKLM0P8")).contains(stored);
        assertThat(RecoveryCodes.digest(AccountId.random(), code).orElseThrow()).isNotEqualTo(stored);
    }

    @Test
    void digestWhenNotACodeThenEmpty() {
        assertThat(RecoveryCodes.digest(ada, "")).isEmpty();
        assertThat(RecoveryCodes.digest(ada, "ABCD-EFGH-IJKL")).isEmpty();
        assertThat(RecoveryCodes.digest(ada, "ABCD-EFGH-IJKL-MNOP-Q")).isEmpty();
        assertThat(RecoveryCodes.digest(ada, "ABCD-EFGH-IJKL-MNO9")).isEmpty();
        assertThat(RecoveryCodes.digest(ada, "A".repeat(10_000))).isEmpty();
    }
}
