package io.portalinvite.password;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.password.PasswordCheck.PasswordViolation;
import io.portalinvite.password.PasswordValidator.PasswordContext;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DictionaryPasswordBlocklistTest {

    @Test
    void defaultInstanceWhenRequestedFromManyThreadsThenOneSharedInstance() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<DictionaryPasswordBlocklist>> calls = IntStream.range(0, 32)
                    .<Callable<DictionaryPasswordBlocklist>>mapToObj(i -> DictionaryPasswordBlocklist::defaultInstance)
                    .toList();
            DictionaryPasswordBlocklist expected = DictionaryPasswordBlocklist.defaultInstance();
            for (Future<DictionaryPasswordBlocklist> result : pool.invokeAll(calls)) {
                assertThat(result.get()).isSameAs(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void defaultInstanceWhenLoadedThenHoldsNbvcxzAndPortalLists() {
        DictionaryPasswordBlocklist blocklist = DictionaryPasswordBlocklist.defaultInstance();

        // 100,000 lines, about 96,500 once entries differing only in case are folded together.
        assertThat(blocklist.size()).isGreaterThan(96_000);
        assertThat(blocklist.contains("password")).isTrue();
        assertThat(blocklist.contains("qwertyuiopasdfg")).isTrue();
        assertThat(blocklist.contains("myhealthrecord")).isTrue();
        assertThat(blocklist.contains("welcometotheportal")).isTrue();
    }

    @Test
    void defaultInstanceWhenEntryHadUpperCaseInSourceThenStoredLowerCase() {
        // nbvcxz lists "PolniyPizdec0211" with capitals.
        assertThat(DictionaryPasswordBlocklist.defaultInstance().contains("polniypizdec0211"))
                .isTrue();
    }

    @Test
    void defaultInstanceWhenPortalListCommentLineThenNotAnEntry() {
        assertThat(DictionaryPasswordBlocklist.defaultInstance()
                        .contains("# portal- and healthcare-specific phrases refused as passwords."))
                .isFalse();
    }

    @Test
    void containsWhenValueOnlyContainsAnEntryThenFalseBecauseMatchingIsWholeValue() {
        DictionaryPasswordBlocklist blocklist = DictionaryPasswordBlocklist.defaultInstance();

        assertThat(blocklist.contains("password")).isTrue();
        assertThat(blocklist.contains("my password is a purple elephant")).isFalse();
    }

    @Test
    void ofWhenEntriesInMixedCaseAndFullWidthThenLookupsUseNormalisedLowerCase() {
        DictionaryPasswordBlocklist blocklist =
                DictionaryPasswordBlocklist.of(List.of("Sunrise-Staff", "\uff28\uff35\uff2e\uff34", " "));

        assertThat(blocklist.contains("sunrise-staff")).isTrue();
        assertThat(blocklist.contains("hunt")).isTrue();
        assertThat(blocklist.size()).isEqualTo(2);
    }

    @Test
    void validatorWhenGivenCustomBlocklistThenUsesIt() {
        PasswordValidator validator = new PasswordValidator(DictionaryPasswordBlocklist.of(List.of("violet-harbor-9")));

        assertThat(validator
                        .check("Violet-Harbor-9", PasswordPolicy.DEFAULT, PasswordContext.empty())
                        .hasViolation(PasswordViolation.BLOCKLISTED))
                .isTrue();
        assertThat(validator
                        .check("Password123456789!!", PasswordPolicy.DEFAULT, PasswordContext.empty())
                        .hasViolation(PasswordViolation.BLOCKLISTED))
                .isFalse();
    }

    @Test
    void toStringWhenCalledThenShowsSizeNotEntries() {
        assertThat(DictionaryPasswordBlocklist.of(List.of("hunter22")).toString())
                .isEqualTo("DictionaryPasswordBlocklist[1 entries]");
    }
}
