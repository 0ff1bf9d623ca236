package io.portalinvite.account;

import io.portalinvite.account.LoginService.LoginPolicy;
import io.portalinvite.account.LoginService.LoginResult;
import io.portalinvite.account.PortalAccount.AccountStatus;
import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.audit.AuditEvent.AuditOutcome;
import io.portalinvite.audit.AuditStore;
import io.portalinvite.common.Actor;
import io.portalinvite.event.PortalEvent;
import io.portalinvite.event.PortalEventListener;
import io.portalinvite.tx.TransactionRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records each outcome of a sign-in as one unit: the account's counters and status, its audit
 * entries, its events (in the transaction and after commit) and its log line. Updates that meet a
 * concurrent change of the account are read again and retried, so every failure counts even when
 * an attacker sends them in parallel.
 */
final class LoginRecorder {

    private static final Logger log = LoggerFactory.getLogger(LoginRecorder.class);
    /**
     * Re-reads allowed when another request changed the account at the same moment. Failures must
     * all be counted even when an attacker sends them in parallel, so this is generous.
     */
    private static final int MAX_UPDATE_ATTEMPTS = 64;

    private final TransactionRunner tx;
    private final AccountStore accounts;
    private final AuditStore audit;
    private final LoginPolicy policy;
    private final Clock clock;
    private final PortalEventListener events;
    private final PortalEventListener inTransaction;
    private final AccessService access;

    LoginRecorder(
            TransactionRunner tx,
            AccountStore accounts,
            AuditStore audit,
            LoginPolicy policy,
            Clock clock,
            PortalEventListener events,
            PortalEventListener inTransaction,
            AccessService access) {
        this.tx = tx;
        this.accounts = accounts;
        this.audit = audit;
        this.policy = policy;
        this.clock = clock;
        this.events = events;
        this.inTransaction = inTransaction;
        this.access = access;
    }

    /** Answers an attempt over its address's budget, recording it like other refusals. */
    LoginResult rateLimited(Duration wait) {
        Instant now = clock.instant();
        log.info("login refused: too many attempts from the client's address (retry after {} s)", wait.toSeconds());
        audit(AuditEvent.of(AuditAction.LOGIN_FAILURE, Actor.ANONYMOUS, now)
                .outcome(AuditOutcome.FAILURE)
                .detail("reason", "address_throttled")
                .detail("retryAfterSeconds", wait.toSeconds())
                .build());
        publish(new PortalEvent.LoginFailed("address_throttled", now));
        return LoginResult.rateLimited(wait);
    }

    /** Answers an attempt over its email's budget, alike whether an account has the email or not. */
    LoginResult paused(@Nullable PortalAccount account, Duration wait) {
        Instant now = clock.instant();
        log.info("login refused: sign-in paused for the email tried (retry after {} s)", wait.toSeconds());
        AuditEvent.Builder event = AuditEvent.of(AuditAction.LOGIN_FAILURE, Actor.ANONYMOUS, now)
                .outcome(AuditOutcome.FAILURE)
                .detail("reason", "email_throttled")
                .detail("retryAfterSeconds", wait.toSeconds());
        if (account != null) {
            event.account(account.id());
        }
        audit(event.build());
        publish(new PortalEvent.LoginFailed("email_throttled", now));
        return LoginResult.paused(wait);
    }

    LoginResult failedPassword(PortalAccount read) {
        PortalAccount account = read;
        for (int attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            int failures = account.failedLogins() + 1;
            boolean lock = policy.locks(failures);
            PortalAccount failed = account.failedLogin(now, policy.throttledUntil(failures, now), lock);
            boolean stored = tx.inTransaction(() -> {
                if (!accounts.update(failed)) {
                    return false;
                }
                audit.append(AuditEvent.of(AuditAction.LOGIN_FAILURE, Actor.ANONYMOUS, now)
                        .outcome(AuditOutcome.FAILURE)
                        .account(failed.id())
                        .detail("reason", "wrong_password")
                        .detail("failures", failures)
                        .build());
                publish(new PortalEvent.LoginFailed("wrong_password", now));
                if (lock && read.status() == AccountStatus.ACTIVE) {
                    audit.append(AuditEvent.of(AuditAction.ACCOUNT_LOCKED, Actor.SYSTEM, now)
                            .account(failed.id())
                            .detail("failures", failures)
                            .build());
                    publish(new PortalEvent.AccountLocked(failed.id(), now));
                }
                return true;
            });
            if (stored) {
                log.info(
                        "login failed for account {}: wrong password (failure {}{})",
                        failed.id(),
                        failures,
                        lock ? ", account locked" : "");
                return LoginResult.failed();
            }
            // another node recorded a failure at the same moment: count ours on top of theirs
            Optional<PortalAccount> reread = accounts.findById(account.id());
            if (reread.isEmpty()) {
                return LoginResult.failed();
            }
            account = reread.get();
        }
        log.warn("could not record a failed login for account {} after repeated concurrent updates", read.id());
        return LoginResult.failed();
    }

    LoginResult success(PortalAccount read, @Nullable String upgradedHash, @Nullable String upgradedFrom) {
        PortalAccount account = read;
        for (int attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            PortalAccount current = account;
            PortalAccount loggedIn = active(current.loggedIn(now, upgradedHash));
            Optional<PortalPrincipal> principal = tx.inTransaction(() -> {
                if (!accounts.update(loggedIn)) {
                    return Optional.empty();
                }
                audit.append(AuditEvent.of(AuditAction.LOGIN_SUCCESS, Actor.account(current.id()), now)
                        .account(current.id())
                        .detail("rehashed", upgradedHash != null)
                        .build());
                if (upgradedFrom != null) {
                    // an imported account leaves its old format: the audit trail shows when and from what
                    audit.append(AuditEvent.of(AuditAction.PASSWORD_UPGRADED, Actor.account(current.id()), now)
                            .account(current.id())
                            .detail("from", upgradedFrom)
                            .build());
                }
                log.info(
                        "login succeeded for account {}{}",
                        current.id(),
                        upgradedHash != null ? " (hash upgraded)" : "");
                publish(new PortalEvent.LoginSucceeded(current.id(), now));
                return Optional.of(access.principal(loggedIn, now));
            });
            if (principal.isPresent()) {
                return LoginResult.success(principal.get());
            }
            Optional<PortalAccount> reread = accounts.findById(account.id());
            if (reread.isEmpty()
                    || reread.get().status() != AccountStatus.ACTIVE
                    || !reread.get().passwordHash().equals(read.passwordHash())) {
                // locked or password changed in between: do not let this login through
                return LoginResult.failed();
            }
            account = reread.get();
        }
        return LoginResult.failed();
    }

    /**
     * A lock that failures from other clients caused ends when the owner signs in from a known
     * device: it kept those clients out, and must not keep the owner's session out afterwards.
     */
    private static PortalAccount active(PortalAccount a) {
        return a.status() != AccountStatus.LOCKED
                ? a
                : new PortalAccount(
                        a.id(),
                        a.email(),
                        a.passwordHash(),
                        AccountStatus.ACTIVE,
                        a.failedLogins(),
                        a.throttledUntil(),
                        a.createdAt(),
                        a.lastLoginAt(),
                        a.passwordChangedAt(),
                        a.version());
    }

    LoginResult refused(PortalAccount account, Instant now, String reason) {
        log.info("login refused for account {}: {}", account.id(), reason);
        audit(AuditEvent.of(AuditAction.LOGIN_FAILURE, Actor.ANONYMOUS, now)
                .outcome(AuditOutcome.FAILURE)
                .account(account.id())
                .detail("reason", reason)
                .build());
        publish(new PortalEvent.LoginFailed(reason, now));
        return LoginResult.failed();
    }

    void audit(AuditEvent event) {
        tx.inTransaction(() -> audit.append(event));
    }

    void publish(PortalEvent event) {
        inTransaction.onEvent(event);
        tx.afterCommit(() -> events.onEvent(event));
    }
}
