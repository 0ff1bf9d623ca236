package io.portalinvite.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalinvite.password.PasswordValidator.PasswordContext;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PasswordContextTest {

    @Test
    void emptyWhenCreatedThenHoldsOnlyProductWords() {
        assertThat(PasswordContext.empty().words())
                .containsAll(PasswordContext.PRODUCT_WORDS)
                .contains("patientportal", "portal", "password", "mychart");
        assertThat(PasswordContext.empty().words()).containsExactlyInAnyOrderElementsOf(PasswordContext.PRODUCT_WORDS);
    }

    @Test
    void builderWhenNothingAddedThenProductWordsStillPresent() {
        assertThat(PasswordContext.builder().build().words()).containsAll(PasswordContext.PRODUCT_WORDS);
    }

    @Test
    void addNameWhenSeveralWordsThenWholeJoinedAndEachPartStored() {
        PasswordContext context =
                PasswordContext.builder().addName("Sunrise  Family-Clinic").build();

        assertThat(context.words())
                .contains("sunrise  family-clinic", "sunrisefamilyclinic", "sunrise", "family", "clinic");
    }

    @Test
    void addNameWhenPartsShorterThanThreeCodePointsThenPartsIgnored() {
        PasswordContext context = PasswordContext.builder().addName("Al Jo").build();

        assertThat(context.words()).contains("al jo", "aljo").doesNotContain("al", "jo");
    }

    @Test
    void addNameWhenUpperCaseUnderTurkishDefaultLocaleThenLowerCasedWithRootLocale() {
        PasswordContext context = PasswordContext.builder().addName("IRIS").build();

        assertThat(context.words()).contains("iris").doesNotContain("\u0131r\u0131s");
    }

    @Test
    void addNameWhenFullWidthThenNormalisedWithNfkc() {
        PasswordContext context =
                PasswordContext.builder().addName("\uff2a\uff41\uff4e\uff45").build();

        assertThat(context.words()).contains("jane");
    }

    @Test
    void addEmailWhenAddressThenWholeLocalPartItsPiecesAndDomainLabelsExceptTld() {
        PasswordContext context = PasswordContext.builder()
                .addEmail("Jane.Doe85@Example-Mail.com")
                .build();

        assertThat(context.words())
                .contains(
                        "jane.doe85@example-mail.com",
                        "jane.doe85",
                        "janedoe85",
                        "janedoe",
                        "jane",
                        "doe85",
                        "doe",
                        "example-mail",
                        "examplemail",
                        "example",
                        "mail");
        assertThat(context.words()).doesNotContain("com");
    }

    @Test
    void addEmailWhenNoAtSignThenTreatedAsOneWord() {
        PasswordContext context = PasswordContext.builder().addEmail("janedoe").build();

        assertThat(context.words()).contains("janedoe");
    }

    @Test
    void addDateOfBirthWhenAddedThenCommonSpellingsStored() {
        PasswordContext context = PasswordContext.builder()
                .addDateOfBirth(LocalDate.of(1985, 2, 4))
                .build();

        assertThat(context.words())
                .contains(
                        "19850204",
                        "04021985",
                        "02041985",
                        "04/02/1985",
                        "02/04/1985",
                        "4/2/1985",
                        "1985-02-04",
                        "04.02.1985",
                        "040285",
                        "020485",
                        "850204",
                        "421985",
                        "241985");
    }

    @Test
    void addWordWhenPhraseThenStoredWithoutSplitting() {
        PasswordContext context =
                PasswordContext.builder().addWord("Maple Street").build();

        assertThat(context.words()).contains("maple street", "maplestreet").doesNotContain("maple", "street");
    }

    @Test
    void buildWhenBuilderReusedThenEarlierContextUnchanged() {
        PasswordContext.Builder builder = PasswordContext.builder().addName("Jane");
        PasswordContext first = builder.build();
        builder.addName("Oliver");

        assertThat(first.words()).contains("jane").doesNotContain("oliver");
        assertThat(builder.build().words()).contains("jane", "oliver");
    }

    @Test
    void wordsWhenModifiedThenUnsupported() {
        assertThatThrownBy(() -> PasswordContext.empty().words().add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void toStringWhenContextHoldsPersonalDataThenRevealsOnlyCount() {
        PasswordContext context = PasswordContext.builder()
                .addName("Jane Doe")
                .addEmail("jane@example.com")
                .addDateOfBirth(LocalDate.of(1985, 2, 14))
                .build();

        assertThat(context.toString())
                .startsWith("PasswordContext[")
                .doesNotContainIgnoringCase("jane")
                .doesNotContain("doe", "example", "1985");
    }
}
