package io.portalinvite.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Certificates for the TLS tests.
 *
 * <p>GreenMail's bundled certificate is named "GreenMail selfsigned Test Certificate", not a host,
 * so it can never pass the host-name check the sender insists on; it is used only to show that
 * checks fail. A passing handshake needs a certificate for {@code 127.0.0.1}, generated here once
 * per test run with the JDK's own {@code keytool} (no key material is kept in the repository).
 */
final class SmtpTestCertificates {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static volatile KeyStore loopback;

    private SmtpTestCertificates() {}

    /**
     * A server context presenting a self-signed certificate for {@code 127.0.0.1} and {@code localhost}.
     *
     * @return the context
     */
    static SSLContext loopbackServerContext() {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(loopbackKeyStore(), PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A trust store holding only the loopback certificate.
     *
     * @return the store
     */
    static KeyStore trustingLoopback() {
        return trusting(loopbackKeyStore(), "localhost");
    }

    /**
     * A trust store holding only GreenMail's bundled self-signed certificate.
     *
     * @return the store
     */
    static KeyStore trustingGreenMail() {
        try (InputStream in = SmtpTestCertificates.class.getClassLoader().getResourceAsStream("greenmail.p12")) {
            if (in == null) {
                throw new IllegalStateException("greenmail.p12 is not on the test class path");
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD);
            return trusting(store, "greenmail");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore trusting(KeyStore keys, String alias) {
        try {
            Certificate certificate = keys.getCertificate(alias);
            if (certificate == null) {
                throw new IllegalStateException("no certificate under alias " + alias);
            }
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry(alias, certificate);
            return trust;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore loopbackKeyStore() {
        KeyStore store = loopback;
        if (store == null) {
            synchronized (SmtpTestCertificates.class) {
                store = loopback;
                if (store == null) {
                    store = generateLoopbackKeyStore();
                    loopback = store;
                }
            }
        }
        return store;
    }

    private static KeyStore generateLoopbackKeyStore() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("smtp-test-tls");
            Path file = dir.resolve("loopback.p12");
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process process = new ProcessBuilder(List.of(
                            keytool.toString(),
                            "-J-Duser.language=en",
                            "-genkeypair",
                            "-alias",
                            "localhost",
                            "-keyalg",
                            "EC",
                            "-groupname",
                            "secp256r1",
                            "-dname",
                            "CN=localhost",
                            "-ext",
                            "san=dns:localhost,ip:127.0.0.1",
                            "-validity",
                            "2",
                            "-storetype",
                            "PKCS12",
                            "-keystore",
                            file.toString(),
                            "-storepass",
                            new String(PASSWORD),
                            "-keypass",
                            new String(PASSWORD)))
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, PASSWORD);
            }
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (dir != null) {
                try (var files = Files.list(dir)) {
                    for (Path p : (Iterable<Path>) files::iterator) {
                        Files.deleteIfExists(p);
                    }
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // a temp directory left behind is harmless
                }
            }
        }
    }
}
