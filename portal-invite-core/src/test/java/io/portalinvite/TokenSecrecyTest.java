package io.portalinvite;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.portalinvite.account.PatientAccess;
import io.portalinvite.common.PatientId;
import io.portalinvite.delivery.OutboundMessage;
import io.portalinvite.invitation.Invitation;
import io.portalinvite.invitation.RegistrationService.CompleteRegistration;
import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.testing.PortalFixture;
import io.portalinvite.token.LinkToken;
import io.portalinvite.token.TokenDigest;
import java.lang.reflect.RecordComponent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Checklist A2, D5, OWASP logging: the raw token never reaches a store, a log line or an exception
 * message, in any encoding; only its SHA-256 digest is stored.
 */
class TokenSecrecyTest {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private Level previousLevel;

    @BeforeEach
    void captureAllLogs() {
        previousLevel = root.getLevel();
        root.setLevel(Level.TRACE);
        appender.start();
        root.addAppender(appender);
    }

    @AfterEach
    void restoreLogs() {
        root.detachAppender(appender);
        root.setLevel(previousLevel);
    }

    @Test
    void wholeFlowWhenRunThenNoRawTokenInStoresLogsOrExceptions() {
        InMemoryPortalStorage storage = new InMemoryPortalStorage();
        PortalFixture f = new PortalFixture(storage);
        f.enablePortal(b -> b.maxDateOfBirthAttempts(5));
        List<String> exceptionTexts = new ArrayList<>();

        String first = f.inviteAndDeliver(f.newPatient("p1").build());
        Invitation invitation = storage.invitations()
                .findByPatient(PortalFixture.PRACTICE, PatientId.of("p1"))
                .get(0);
        f.portal.invitations().resend(PortalFixture.PRACTICE, invitation.id(), PortalFixture.STAFF);
        f.email.failNext(1, false);
        f.portal.dispatcher().drain();
        f.clock.advance(java.time.Duration.ofMinutes(5));
        f.portal.dispatcher().drain();
        String second = f.email.lastToken();
        Set<String> tokens = Set.of(first, second);

        collect(exceptionTexts, () -> f.portal.registration().preview(first));
        collect(
                exceptionTexts,
                () -> f.portal
                        .registration()
                        .complete(new CompleteRegistration(
                                first, PortalFixture.GOOD_PASSWORD, PortalFixture.GOOD_PASSWORD, PortalFixture.DOB)));
        collect(
                exceptionTexts,
                () -> f.portal
                        .registration()
                        .complete(new CompleteRegistration(
                                second,
                                PortalFixture.GOOD_PASSWORD,
                                PortalFixture.GOOD_PASSWORD,
                                LocalDate.of(2000, 1, 1))));
        collect(
                exceptionTexts,
                () -> f.portal
                        .registration()
                        .complete(new CompleteRegistration(second, "password", "password", PortalFixture.DOB)));
        f.portal.registration().preview(second);
        f.portal
                .registration()
                .complete(new CompleteRegistration(
                        second, PortalFixture.GOOD_PASSWORD, PortalFixture.GOOD_PASSWORD, PortalFixture.DOB));
        collect(
                exceptionTexts,
                () -> f.portal
                        .registration()
                        .complete(new CompleteRegistration(
                                second, PortalFixture.GOOD_PASSWORD, PortalFixture.GOOD_PASSWORD, PortalFixture.DOB)));
        f.portal.login().login("ada.p1@example.org", PortalFixture.GOOD_PASSWORD);

        assertThat(exceptionTexts)
                .as("five failures, each message and toString")
                .hasSize(10);
        Set<String> forbidden = encodings(tokens);
        Set<String> stored = storedText(storage);
        for (String secret : forbidden) {
            assertThat(stored).as("stores").noneMatch(s -> s.contains(secret));
            assertThat(exceptionTexts).as("exception messages").noneMatch(s -> s.contains(secret));
            assertThat(appender.list).as("log lines").noneMatch(e -> logText(e).contains(secret));
        }
        assertThat(appender.list).as("the flow did log something to check").isNotEmpty();
        Invitation accepted = storage.invitations()
                .findByPatient(PortalFixture.PRACTICE, PatientId.of("p1"))
                .get(0);
        assertThat(accepted.tokenDigest())
                .isEqualTo(TokenDigest.of(LinkToken.parse(LinkToken.Purpose.INVITATION, second)));
        assertThat(accepted.tokenDigest().hex()).isEqualTo(sha256Hex(second));
    }

    @Test
    void requestAndTokenToStringWhenPrintedThenSecretsMasked() {
        CompleteRegistration request = new CompleteRegistration(
                "A".repeat(43), "my secret passphrase", "my secret passphrase", LocalDate.of(1990, 1, 1));
        assertThat(request.toString())
                .doesNotContain("AAAA")
                .doesNotContain("secret")
                .doesNotContain("1990");
        assertThat(LinkToken.parse(LinkToken.Purpose.INVITATION, "B".repeat(43)).toString())
                .doesNotContain("BBBB");
    }

    private static void collect(List<String> texts, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                texts.add(String.valueOf(t.getMessage()));
                texts.add(t.toString());
            }
        }
    }

    private static Set<String> encodings(Set<String> tokens) {
        Set<String> out = new LinkedHashSet<>();
        for (String token : tokens) {
            byte[] raw = Base64.getUrlDecoder().decode(token);
            out.add(token);
            out.add(HexFormat.of().formatHex(raw));
            out.add(Base64.getEncoder().encodeToString(raw).replace("=", ""));
            out.add(URLEncoder.encode(token, StandardCharsets.UTF_8));
            out.add(HexFormat.of().formatHex(token.getBytes(StandardCharsets.US_ASCII)));
        }
        return out;
    }

    private static Set<String> storedText(InMemoryPortalStorage storage) {
        Set<String> out = new LinkedHashSet<>();
        for (Invitation i : storage.invitations().findByPatient(PortalFixture.PRACTICE, PatientId.of("p1"))) {
            flatten(i, out);
        }
        for (OutboundMessage m : storage.outboundMessages()) {
            flatten(m, out);
        }
        storage.auditEntries().forEach(e -> flatten(e, out));
        storage.accounts().findByEmail("ada.p1@example.org").ifPresent(a -> {
            flatten(a, out);
            for (PatientAccess access : storage.accounts().findAccessByAccount(a.id())) {
                flatten(access, out);
            }
        });
        flatten(storage.settings().find(PortalFixture.PRACTICE).orElseThrow(), out);
        assertThat(out).hasSizeGreaterThan(50);
        return out;
    }

    /** Every leaf value of a record graph, as text, so that nothing stored escapes the scan. */
    private static void flatten(Object value, Set<String> out) {
        if (value == null) {
            return;
        }
        if (value instanceof Record record) {
            for (RecordComponent c : record.getClass().getRecordComponents()) {
                try {
                    flatten(c.getAccessor().invoke(record), out);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
        } else if (value instanceof Collection<?> c) {
            c.forEach(v -> flatten(v, out));
        } else if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                flatten(k, out);
                flatten(v, out);
            });
        } else {
            out.add(String.valueOf(value));
        }
    }

    private static String logText(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            text.append(' ').append(t.getMessage());
        }
        return text.toString();
    }

    private static String sha256Hex(String token) {
        try {
            return HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
