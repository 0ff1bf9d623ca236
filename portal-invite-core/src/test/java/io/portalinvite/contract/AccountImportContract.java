package io.portalinvite.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalinvite.account.AccountImport;
import io.portalinvite.account.AccountImport.Grant;
import io.portalinvite.account.AccountImportResult;
import io.portalinvite.account.AccountImportResult.ImportRejection;
import io.portalinvite.account.AccountImportService.ImportOptions;
import io.portalinvite.account.DuplicateAccountException;
import io.portalinvite.account.LoginService.LoginResult;
import io.portalinvite.account.PatientAccess;
import io.portalinvite.account.PortalAccount;
import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.audit.AuditQuery;
import io.portalinvite.common.AccessKind;
import io.portalinvite.common.ValidationException;
import io.portalinvite.internal.password.LegacyPasswordHash;
import io.portalinvite.internal.password.LegacyPasswordHash.UnsupportedPasswordHashException;
import io.portalinvite.party.Relationship;
import io.portalinvite.storage.PortalStorage;
import io.portalinvite.testing.LegacyHashes;
import io.portalinvite.testing.LegacyHashes.Kind;
import io.portalinvite.testing.PortalFixture;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Account import on a storage implementation: accounts brought over with every accepted legacy hash
 * form keep their passwords (ASCII, decomposed accents and full-width letters, hashed by the other
 * system with or without NFKC), are stored byte for byte, sign in, and leave with an Argon2id hash;
 * refused hashes and bad rows are named by row, field and rule with nothing written; every account
 * is audited with the importing staff member as actor.
 */
public abstract class AccountImportContract {

    /** A plain password. */
    public static final String ASCII = "violet kayak drifts over quiet granite";
    /** Decomposed accents (NFD): NFKC composes them, so the bytes as typed differ from the NFKC form. */
    public static final String NFD = "cafe\u0301 cre\u0300me bru\u0302le\u0301e sous la pluie";
    /** Full-width letters, a ligature and a no-break space: NFKC folds all three. */
    public static final String FULL_WIDTH =
            "\uFF30\uFF41\uFF53\uFF53\uFF50\uFF48\uFF52\uFF41\uFF53\uFF45 \uFB01ve\u00A0rivers";

    /** The passwords every form is tried with. */
    public static final List<String> PASSWORDS = List.of(ASCII, NFD, FULL_WIDTH);

    /**
     * Creates fresh, empty stores for one test.
     *
     * @return the storage under test
     */
    protected abstract PortalStorage newStorage();

    private record Imported(String email, String password, String hash, Kind kind) {}

    @Test
    void signInWhenImportedInEveryLegacyFormThenOriginalPasswordWorksOnceAndHashBecomesArgon2id() {
        PortalFixture f = new PortalFixture(newStorage());
        List<Imported> all = new ArrayList<>();
        int n = 0;
        for (Kind kind : Kind.values()) {
            for (String password : PASSWORDS) {
                for (boolean nfkc : new boolean[] {true, false}) {
                    all.add(new Imported(
                            "legacy-" + n++ + "@example.org", password, LegacyHashes.hash(kind, password, nfkc), kind));
                }
            }
        }
        AccountImportResult result = f.portal
                .accountImport()
                .importAll(
                        PortalFixture.STAFF,
                        all.stream()
                                .map(i -> AccountImport.of(i.email(), i.hash(), Grant.self("practice-1", i.email()))),
                        ImportOptions.DEFAULT.withChunkSize(7));
        assertThat(result.imported()).as("%s", result).isEqualTo(all.size());
        assertThat(result.invalidTotal() + result.skippedTotal()).isZero();

        for (Imported i : all) {
            PortalAccount stored = f.storage.accounts().findByEmail(i.email()).orElseThrow();
            assertThat(stored.passwordHash())
                    .as("%s stored byte for byte", i.kind())
                    .isEqualTo(LegacyPasswordHash.STORED_PREFIX + i.hash());
            assertThat(f.portal.login().login(i.email(), i.password() + "x").succeeded())
                    .as("%s: a wrong password", i.kind())
                    .isFalse();
            LoginResult first = f.portal.login().login(i.email(), i.password());
            assertThat(first.succeeded())
                    .as("%s with %s", i.kind(), i.password())
                    .isTrue();
            String upgraded =
                    f.storage.accounts().findByEmail(i.email()).orElseThrow().passwordHash();
            assertThat(upgraded).as("%s after sign-in", i.kind()).startsWith("$argon2id$v=19$");
            assertThat(f.portal.login().login(i.email(), i.password()).succeeded())
                    .as("%s: the new hash works", i.kind())
                    .isTrue();
            assertThat(f.storage.accounts().findByEmail(i.email()).orElseThrow().passwordHash())
                    .as("rehashed once only")
                    .isEqualTo(upgraded);
        }
        PortalAccount one = f.storage.accounts().findByEmail(all.get(0).email()).orElseThrow();
        List<AuditEvent> trail =
                f.storage.audit().query(AuditQuery.account(one.id()).build()).events();
        assertThat(trail)
                .filteredOn(e -> e.action() == AuditAction.ACCOUNT_IMPORTED)
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.actor()).isEqualTo("staff:" + PortalFixture.STAFF.value());
                    assertThat(e.details()).containsEntry("hashFormat", "bcrypt");
                });
        assertThat(trail)
                .filteredOn(e -> e.action() == AuditAction.PASSWORD_UPGRADED)
                .singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("from", "bcrypt"));
    }

    @Test
    void signInWhenImportedPasswordWrongThenGenericFailureCountedAndOldHashKept() {
        PortalFixture f = new PortalFixture(newStorage());
        String hash = LegacyHashes.hash(Kind.SCRYPT, ASCII, true);
        f.portal
                .accountImport()
                .importAccount(
                        PortalFixture.STAFF, AccountImport.of("a@example.org", hash, Grant.self("practice-1", "p1")));

        LoginResult answer = f.portal.login().login("a@example.org", "not the passphrase that was set");

        assertThat(answer.succeeded()).isFalse();
        assertThat(answer.message()).isEqualTo(LoginResult.FAILURE_MESSAGE);
        PortalAccount account =
                f.storage.accounts().findByEmail("a@example.org").orElseThrow();
        assertThat(account.failedLogins()).isEqualTo(1);
        assertThat(account.passwordHash()).isEqualTo(LegacyPasswordHash.STORED_PREFIX + hash);
    }

    @Test
    void importWhenGrantsSelfAndProxyThenPrincipalListsTheirPatients() {
        PortalFixture f = new PortalFixture(newStorage());
        String hash = LegacyHashes.hash(Kind.BCRYPT_2B, ASCII, true);
        f.portal
                .accountImport()
                .importAccount(
                        PortalFixture.STAFF,
                        new AccountImport(
                                "parent@example.org",
                                hash,
                                List.of(
                                        Grant.self("practice-1", "mum"),
                                        Grant.proxy(
                                                "practice-1", "kid-1", Relationship.PARENT, LocalDate.of(2019, 1, 2)),
                                        Grant.proxy("practice-2", "gran", Relationship.CARER, null))));

        LoginResult answer = f.portal.login().login("parent@example.org", ASCII);

        assertThat(answer.succeeded()).isTrue();
        List<PatientAccess> access = answer.principal().orElseThrow().access();
        assertThat(access)
                .extracting(a -> a.practiceId().value() + "/" + a.patientId().value() + "/" + a.kind())
                .containsExactlyInAnyOrder("practice-1/mum/SELF", "practice-1/kid-1/PROXY", "practice-2/gran/PROXY");
        assertThat(access).allSatisfy(a -> assertThat(a.grantedBy()).isEqualTo(PortalFixture.STAFF));
    }

    @Test
    void importWhenHashRefusedThenTypedErrorNamesFieldAndRuleAndNothingWritten() {
        PortalFixture f = new PortalFixture(newStorage());
        String bcrypt = LegacyHashes.hash(Kind.BCRYPT_2A, ASCII, true);
        List<String[]> refused = List.of(
                new String[] {"{noop}" + ASCII, "password_hash.plain_text_refused"},
                new String[] {"{MD5}5f4dcc3b5aa765d61d8327deb882cf99", "password_hash.unsupported_format"},
                new String[] {"{sha256}97c9b1a5d1a0b6f1c5f5", "password_hash.unsupported_format"},
                new String[] {"5f4dcc3b5aa765d61d8327deb882cf99", "password_hash.unsupported_format"},
                new String[] {"$2x$04$" + bcrypt.substring(7), "password_hash.unsupported_format"},
                new String[] {bcrypt.substring(0, 40), "password_hash.malformed"},
                new String[] {"$2a$31$" + bcrypt.substring(7), "password_hash.cost_out_of_range"},
                new String[] {
                    "$argon2id$v=19$m=4194304,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo", "password_hash.cost_out_of_range"
                },
                new String[] {
                    "$scrypt$ln=22,r=8,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaGhhc2g", "password_hash.cost_out_of_range"
                },
                new String[] {"$pbkdf2-sha256$i=1000$c2FsdA$!!", "password_hash.malformed"},
                new String[] {"", "password_hash.missing"});
        for (String[] r : refused) {
            assertThatThrownBy(() -> f.portal
                            .accountImport()
                            .importAccount(
                                    PortalFixture.STAFF,
                                    AccountImport.of("x@example.org", r[0], Grant.self("practice-1", "p1"))))
                    .as(r[0])
                    .isInstanceOf(UnsupportedPasswordHashException.class)
                    .satisfies(e -> {
                        assertThat(((ValidationException) e).violations().get(0).field())
                                .isEqualTo("passwordHash");
                        assertThat(((ValidationException) e).violations().get(0).rule())
                                .isEqualTo(r[1]);
                        if (r[0].length() > 8) {
                            assertThat(e.getMessage()).doesNotContain(r[0]);
                        }
                    });
        }
        assertThat(f.storage.accounts().findByEmail("x@example.org")).isEmpty();
    }

    @Test
    void importAllWhenRowsMixedThenSummaryNamesRowsFieldsAndRulesAndAuditsEachAccount() {
        PortalFixture f = new PortalFixture(newStorage());
        String hash = LegacyHashes.hash(Kind.PBKDF2_SHA256, ASCII, true);
        f.portal
                .accountImport()
                .importAccount(
                        PortalFixture.STAFF,
                        AccountImport.of("exists@example.org", hash, Grant.self("practice-1", "e")));
        List<ImportRejection> seen = new ArrayList<>();
        List<AccountImport> rows = List.of(
                AccountImport.of("ok-1@example.org", hash, Grant.self("practice-1", "p1")),
                AccountImport.of("exists@example.org", hash, Grant.self("practice-1", "p2")),
                AccountImport.of("bad-hash@example.org", "{noop}secret", Grant.self("practice-1", "p3")),
                AccountImport.of("not an email", hash, Grant.self("practice-1", "p4")),
                AccountImport.of("ok-2@example.org", hash, Grant.self("practice-1", "p5")),
                AccountImport.of("OK-2@example.org", hash, Grant.self("practice-1", "p6")),
                new AccountImport("no-grant@example.org", hash, List.of()),
                AccountImport.of(
                        "proxy@example.org", hash, new Grant("practice-1", "p7", AccessKind.PROXY, null, null)),
                AccountImport.of("ok-3@example.org", hash, Grant.self("practice-1", "p8")));

        AccountImportResult result = f.portal
                .accountImport()
                .importAll(
                        PortalFixture.STAFF,
                        rows.stream(),
                        ImportOptions.DEFAULT.withChunkSize(3).withRejected(seen::add));

        assertThat(result.processed()).isEqualTo(9);
        assertThat(result.imported()).isEqualTo(3);
        assertThat(result.skipped())
                .containsEntry(ImportRejection.Reason.ALREADY_EXISTS, 1L)
                .containsEntry(ImportRejection.Reason.REPEATED_IN_INPUT, 1L);
        assertThat(result.sample())
                .extracting(r -> r.row() + " " + r.detail())
                .containsExactly(
                        "2 already_exists",
                        "3 passwordHash:password_hash.plain_text_refused",
                        "4 email:email.syntax",
                        "6 repeated_in_input",
                        "7 grants:import.no_grant",
                        "8 grants[0].relationship:import.proxy_needs_relationship");
        assertThat(seen).hasSize(6);
        for (String email : List.of("ok-1@example.org", "ok-2@example.org", "ok-3@example.org")) {
            PortalAccount a = f.storage.accounts().findByEmail(email).orElseThrow();
            assertThat(f.storage
                            .audit()
                            .query(AuditQuery.account(a.id()).build())
                            .events())
                    .filteredOn(e -> e.action() == AuditAction.ACCOUNT_IMPORTED)
                    .hasSize(1);
        }
        for (String email : List.of("bad-hash@example.org", "no-grant@example.org", "proxy@example.org")) {
            assertThat(f.storage.accounts().findByEmail(email)).as(email).isEmpty();
        }
        assertThat(f.storage
                        .accounts()
                        .findByEmail("exists@example.org")
                        .orElseThrow()
                        .passwordHash())
                .isEqualTo(LegacyPasswordHash.STORED_PREFIX + hash);
        assertThat(f.storage
                        .audit()
                        .query(AuditQuery.practice(PortalFixture.PRACTICE).build())
                        .events())
                .filteredOn(e -> e.action() == AuditAction.ACCOUNT_IMPORTED)
                .hasSize(4);
    }

    @Test
    void importAccountWhenEmailExistsThenDuplicateRefusedAndAccountUntouched() {
        PortalFixture f = new PortalFixture(newStorage());
        String first = LegacyHashes.hash(Kind.BCRYPT_2Y, ASCII, true);
        f.portal
                .accountImport()
                .importAccount(
                        PortalFixture.STAFF, AccountImport.of("a@example.org", first, Grant.self("practice-1", "p1")));

        assertThatThrownBy(() -> f.portal
                        .accountImport()
                        .importAccount(
                                PortalFixture.STAFF,
                                AccountImport.of(
                                        "A@Example.org",
                                        LegacyHashes.hash(Kind.BCRYPT_2Y, "another", true),
                                        Grant.self("practice-1", "p2"))))
                .isInstanceOf(DuplicateAccountException.class);
        assertThat(f.portal.login().login("a@example.org", ASCII).succeeded()).isTrue();
    }

    @Test
    void importAllFromFileThenLinesOfOneEmailAreOneAccountAndBadLinesAreNamed() {
        PortalFixture f = new PortalFixture(newStorage());
        String bcrypt = LegacyHashes.hash(Kind.SPRING_BCRYPT, NFD, false);
        String argon = LegacyHashes.hash(Kind.ARGON2ID_65_BYTE_TAG, FULL_WIDTH, false);
        String file = String.join(
                "\n",
                "email\tpassword_hash\tpractice_id\tpatient_id\tkind\trelationship\tdate_of_birth",
                "# exported from the old portal",
                "mum@example.org\t" + bcrypt + "\tpractice-1\tmum\tSELF\t\t1985-02-03",
                "mum@example.org\t" + bcrypt + "\tpractice-1\tkid\tPROXY\tPARENT\t2018-07-09",
                "",
                "gran@example.org\t" + argon + "\tpractice-1\tgran\tSELF\t\t",
                "broken@example.org\t" + argon + "\tpractice-1\tb\tFRIEND\t\t",
                "short@example.org\t" + argon,
                "noop@example.org\t{noop}pw\tpractice-1\tn\tSELF\t\t",
                "");

        AccountImportResult result = f.portal
                .accountImport()
                .importAll(PortalFixture.STAFF, new StringReader(file), ImportOptions.DEFAULT.withChunkSize(2));

        assertThat(result.processed()).isEqualTo(5);
        assertThat(result.imported()).isEqualTo(2);
        assertThat(result.sample())
                .extracting(r -> r.row() + " " + r.detail())
                .containsExactly(
                        "7 kind:import_file.kind",
                        "8 line:import_file.columns",
                        "9 passwordHash:password_hash.plain_text_refused");
        assertThat(f.portal
                        .login()
                        .login("mum@example.org", NFD)
                        .principal()
                        .orElseThrow()
                        .access())
                .hasSize(2);
        assertThat(f.portal.login().login("gran@example.org", FULL_WIDTH).succeeded())
                .isTrue();
        assertThatThrownBy(() -> f.portal
                        .accountImport()
                        .importAll(PortalFixture.STAFF, new StringReader("email,hash\n"), ImportOptions.DEFAULT))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).hasViolationFor("file"))
                        .isTrue());
    }

    /**
     * The account store keeps the longest accepted forms unchanged (the column holds 512 characters;
     * the import refuses more than {@value LegacyPasswordHash#MAX_LENGTH}).
     */
    @Test
    void importWhenHashIsAtTheLengthLimitThenStoredByteForByte() {
        PortalFixture f = new PortalFixture(newStorage());
        String longest = Stream.of(Kind.SPRING_SCRYPT, Kind.ARGON2ID_65_BYTE_TAG, Kind.PBKDF2_SHA512)
                .map(k -> LegacyHashes.hash(k, ASCII, true))
                .reduce((a, b) -> a.length() >= b.length() ? a : b)
                .orElseThrow();
        // pad the salt of a passlib-style PBKDF2 string up to the limit: still a valid hash of another password
        String padded = "$pbkdf2-sha512$i=1$" + "A".repeat(LegacyPasswordHash.MAX_LENGTH - 19 - 1 - 88) + "$"
                + "B".repeat(86) + "==";
        assertThat(padded).hasSize(LegacyPasswordHash.MAX_LENGTH);
        for (String hash : List.of(longest, padded)) {
            String email = "len-" + hash.length() + "@example.org";
            f.portal
                    .accountImport()
                    .importAccount(PortalFixture.STAFF, AccountImport.of(email, hash, Grant.self("practice-1", email)));
            assertThat(f.storage.accounts().findByEmail(email).orElseThrow().passwordHash())
                    .isEqualTo(LegacyPasswordHash.STORED_PREFIX + hash);
        }
        assertThatThrownBy(() -> f.portal
                        .accountImport()
                        .importAccount(
                                PortalFixture.STAFF,
                                AccountImport.of("too-long@example.org", padded + "A", Grant.self("practice-1", "t"))))
                .isInstanceOf(UnsupportedPasswordHashException.class);
    }
}
