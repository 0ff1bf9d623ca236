package io.portalinvite.spring.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.account.AccountImport;
import io.portalinvite.account.AccountImport.Grant;
import io.portalinvite.account.PortalAccount;
import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.testing.PortalFixture;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;
import org.springframework.security.crypto.scrypt.SCryptPasswordEncoder;

/**
 * Hashes made by Spring Security itself — its {@code DelegatingPasswordEncoder} with each encoder
 * under the id {@code PasswordEncoderFactories} gives it — import into core (which knows nothing of
 * Spring) and sign in with the original password, ASCII and decomposed (NFD, which Spring hashes as
 * typed), then carry an Argon2id hash.
 */
class SpringSecurityHashImportTest {

    private static final String ASCII = "violet kayak drifts over quiet granite";
    private static final String NFD = "cafe\u0301 cre\u0300me bru\u0302le\u0301e sous la pluie";

    @Test
    void signInWhenAccountsImportedWithSpringSecurityEncodersThenOriginalPasswordsWorkAndBecomeArgon2id() {
        Map<String, PasswordEncoder> encoders = new LinkedHashMap<>();
        encoders.put("bcrypt", new BCryptPasswordEncoder(4));
        encoders.put("pbkdf2", Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_5());
        encoders.put("pbkdf2@SpringSecurity_v5_8", Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8());
        encoders.put("scrypt", SCryptPasswordEncoder.defaultsForSpringSecurity_v4_1());
        encoders.put("argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_2());
        encoders.put("argon2@SpringSecurity_v5_8", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8());
        InMemoryPortalStorage storage = new InMemoryPortalStorage();
        PortalFixture f = new PortalFixture(storage);
        PasswordEncoder springDefault = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        int n = 0;
        for (Map.Entry<String, PasswordEncoder> e : encoders.entrySet()) {
            DelegatingPasswordEncoder spring = new DelegatingPasswordEncoder(e.getKey(), encoders);
            for (String password : new String[] {ASCII, NFD}) {
                String hash = spring.encode(password);
                assertThat(hash).startsWith("{" + e.getKey() + "}");
                assertThat(springDefault.matches(password, hash))
                        .as("Spring reads its own %s", hash)
                        .isTrue();
                String email = "spring-" + n++ + "@example.org";
                f.portal
                        .accountImport()
                        .importAccount(
                                PortalFixture.STAFF, AccountImport.of(email, hash, Grant.self("practice-1", email)));

                assertThat(f.portal.login().login(email, password + "!").succeeded())
                        .isFalse();
                assertThat(f.portal.login().login(email, password).succeeded())
                        .as("%s with %s", e.getKey(), password)
                        .isTrue();
                PortalAccount account = storage.accounts().findByEmail(email).orElseThrow();
                assertThat(account.passwordHash()).startsWith("$argon2id$v=19$");
            }
        }
    }
}
