package io.portalinvite.reset;

import io.portalinvite.account.AccountStore;
import io.portalinvite.account.PortalAccount;
import io.portalinvite.account.PortalAccount.AccountStatus;
import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.audit.AuditEvent.AuditOutcome;
import io.portalinvite.audit.AuditStore;
import io.portalinvite.common.AccountId;
import io.portalinvite.common.Actor;
import io.portalinvite.common.ConcurrentChangeException;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.ValidationException;
import io.portalinvite.delivery.MessageComposer;
import io.portalinvite.delivery.MessageHandler;
import io.portalinvite.delivery.OutboundMessage;
import io.portalinvite.delivery.OutboundMessage.MessageKind;
import io.portalinvite.delivery.OutboxStore;
import io.portalinvite.event.PortalEvent;
import io.portalinvite.event.PortalEventListener;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.password.PasswordCheck;
import io.portalinvite.password.PasswordCheck.PasswordRejectedException;
import io.portalinvite.password.PasswordHasher;
import io.portalinvite.password.PasswordValidator;
import io.portalinvite.password.PasswordValidator.PasswordContext;
import io.portalinvite.reset.PasswordResetRequest.PasswordResetStatus;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.settings.SettingsService;
import io.portalinvite.token.LinkToken;
import io.portalinvite.token.LinkToken.InvalidLinkException;
import io.portalinvite.token.LinkTokens;
import io.portalinvite.token.TokenDigest;
import io.portalinvite.token.TokenNonce;
import io.portalinvite.tx.TransactionRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Forgot password": request a reset link by email, then set a new password with it.
 *
 * <p>The link's token is derived like an invitation's ({@link LinkTokens}, under the password-reset
 * purpose), only its digest is stored, and it is used with one conditional write that exactly one
 * concurrent request can win. A new request supersedes the account's earlier links; completing a
 * reset supersedes every other link of the account, resets the failed-login count, unlocks a locked
 * account, and moves {@link PortalAccount#passwordChangedAt()} so that sessions issued before it
 * fail {@link io.portalinvite.account.LoginService#isSessionValid}.
 *
 * <p>No account enumeration (checklist E1, E2): {@link #request} returns the same
 * {@link ResetRequestReceipt#GENERIC} for a known, unknown, disabled or rate-limited address, and does
 * the same work either way — one account lookup, one rate count, one reset row, one outbox row and
 * one audit entry in one transaction. For an address that may not receive a link the reset row is a
 * {@link PasswordResetStatus#DECOY} and the outbox row is written already cancelled, with no address.
 */
public final class PasswordResetService {

    private static final Logger log = LoggerFactory.getLogger(PasswordResetService.class);
    /** The recipient stored on a decoy's cancelled outbox row: never the address that was typed. */
    static final String NO_RECIPIENT = "no-recipient@portal.invalid";

    private static final int MAX_UPDATE_ATTEMPTS = 16;

    private final TransactionRunner tx;
    private final PasswordResetStore resets;
    private final AccountStore accounts;
    private final OutboxStore outbox;
    private final AuditStore audit;
    private final SettingsService settings;
    private final LinkTokens tokens;
    private final PasswordValidator validator;
    private final PasswordHasher hasher;
    private final PasswordResetPolicy policy;
    private final Clock clock;
    private final PortalEventListener events;
    private final PortalEventListener inTransaction;
    private final String messageIdDomain;

    /**
     * Creates the service. Built by {@link io.portalinvite.PortalInvite}; hosts get it from there.
     *
     * @param tx the transaction boundary every store joins
     * @param resets the password-reset request store
     * @param accounts the account store
     * @param outbox the outbox
     * @param audit the audit store
     * @param settings practices' settings
     * @param tokens issues password-reset links
     * @param validator the password policy check
     * @param hasher the password hasher
     * @param policy link lifetime and request limits
     * @param clock the clock
     * @param events told of each completed reset after it commits
     * @param inTransaction told of each completed reset at once, inside the transaction that makes it
     * @param messageIdDomain the domain part of generated Message-IDs
     */
    public PasswordResetService(
            TransactionRunner tx,
            PasswordResetStore resets,
            AccountStore accounts,
            OutboxStore outbox,
            AuditStore audit,
            SettingsService settings,
            LinkTokens tokens,
            PasswordValidator validator,
            PasswordHasher hasher,
            PasswordResetPolicy policy,
            Clock clock,
            PortalEventListener events,
            PortalEventListener inTransaction,
            String messageIdDomain) {
        if (tokens.purpose() != LinkToken.Purpose.PASSWORD_RESET) {
            throw new IllegalArgumentException("password-reset links need password-reset tokens");
        }
        this.tx = tx;
        this.resets = resets;
        this.accounts = accounts;
        this.outbox = outbox;
        this.audit = audit;
        this.settings = settings;
        this.tokens = tokens;
        this.validator = validator;
        this.hasher = hasher;
        this.policy = policy;
        this.clock = clock;
        this.events = events;
        this.inTransaction = inTransaction;
        this.messageIdDomain = messageIdDomain;
    }

    /**
     * Returns the outbox dispatcher's handler for password-reset emails.
     *
     * @param composer writes the email
     * @param defaultFrom the From address for practices that set none
     * @return the handler
     */
    public MessageHandler<PasswordResetRequest> messageHandler(MessageComposer composer, EmailAddress defaultFrom) {
        return new ResetMessages(resets, tokens, composer, defaultFrom);
    }

    /**
     * Handles a "forgot password" request made on a practice's portal page: when the address has an
     * active or locked account and the account has not asked too often, queues an email with a
     * single-use link to the practice's reset page. Whatever the case, the answer is the same.
     *
     * @param practiceId the practice whose page the request came from (wording, sender and link)
     * @param email the address as typed
     * @return always {@link ResetRequestReceipt#GENERIC}
     */
    public ResetRequestReceipt request(PracticeId practiceId, String email) {
        Optional<EmailAddress> address = parse(email);
        PortalSettings practice = settings.get(practiceId);
        tx.inTransaction(() -> {
            Instant now = clock.instant();
            // a hit and a miss read one row of the same shape (the account, or the decoy), so the
            // lookup's cost does not tell whether the address has an account (checklist E2)
            PortalAccount found = accounts.findByEmailOrDecoy(
                    address.map(EmailAddress::lookupKey).orElse("unknown@portal.invalid"));
            Optional<PortalAccount> account = found.isDecoy() ? Optional.empty() : Optional.of(found);
            // the rate count runs for unknown addresses too, against an id that matches nothing
            AccountId counted = account.map(PortalAccount::id).orElseGet(AccountId::random);
            int recent = resets.countSince(counted, now.minus(Duration.ofHours(1)));
            String refusal = refusal(account, practice, recent);
            UUID id = UUID.randomUUID();
            TokenNonce nonce = tokens.newNonce();
            TokenDigest digest = tokens.digest(id, nonce);
            Instant expires = now.plus(policy.linkLifetime());
            if (refusal == null) {
                PortalAccount a = account.orElseThrow();
                resets.supersedeOpen(a.id());
                resets.insert(new PasswordResetRequest(
                        id, a.id(), practiceId, PasswordResetStatus.OPEN, nonce, digest, now, expires, null));
                OutboundMessage message = OutboundMessage.pending(
                        practiceId,
                        id,
                        MessageKind.PASSWORD_RESET_EMAIL,
                        a.email().value(),
                        nonce,
                        now,
                        messageIdDomain);
                // not paced: someone is waiting for this email now, and a paced practice's backlog (a
                // bulk invitation) must not hold it back; the refused path below writes the same row
                outbox.insert(message);
                audit.append(AuditEvent.of(AuditAction.PASSWORD_RESET_REQUESTED, Actor.ANONYMOUS, now)
                        .practice(practiceId)
                        .account(a.id())
                        .detail("expiresAt", expires)
                        .build());
                tx.afterCommit(() -> log.info("password reset {} requested for account {}; link queued", id, a.id()));
            } else {
                // same statement as above, against an id that matches nothing: a refused request must
                // not kill the link an earlier, accepted request sent
                resets.supersedeOpen(AccountId.random());
                resets.insert(new PasswordResetRequest(
                        id, null, practiceId, PasswordResetStatus.DECOY, nonce, digest, now, expires, null));
                outbox.insert(OutboundMessage.pending(
                                practiceId,
                                id,
                                MessageKind.PASSWORD_RESET_EMAIL,
                                NO_RECIPIENT,
                                nonce,
                                now,
                                messageIdDomain)
                        .cancelled("no link sent: " + refusal));
                AuditEvent.Builder entry = AuditEvent.of(AuditAction.PASSWORD_RESET_REQUESTED, Actor.ANONYMOUS, now)
                        .practice(practiceId)
                        .outcome(AuditOutcome.FAILURE)
                        .detail("reason", refusal);
                entry.account(account.map(PortalAccount::id).orElse(null));
                audit.append(entry.build());
                tx.afterCommit(() -> log.info("password reset {} requested; no link sent ({})", id, refusal));
            }
            return null;
        });
        return ResetRequestReceipt.GENERIC;
    }

    private @Nullable String refusal(Optional<PortalAccount> account, PortalSettings practice, int recent) {
        if (account.isEmpty()) {
            return "unknown_email";
        }
        AccountStatus status = account.get().status();
        if (status != AccountStatus.ACTIVE && status != AccountStatus.LOCKED) {
            return "account_" + status.name().toLowerCase(java.util.Locale.ROOT);
        }
        if (!practice.enabled()) {
            return "portal_disabled";
        }
        if (recent >= policy.maxRequestsPerHour()) {
            return "rate_limited";
        }
        return null;
    }

    /**
     * Sets a new password with a reset link: checks the link, the confirmation and the password
     * policy, hashes the password, then — in one transaction — uses the link (exactly one of any
     * concurrent attempts wins), stores the hash, supersedes the account's other reset links and
     * audits the change.
     *
     * @param request what was submitted
     * @return the account whose password changed
     * @throws InvalidLinkException when the link is malformed, unknown, expired, superseded or used
     *     (one generic answer for all)
     * @throws ValidationException when the confirmation differs
     * @throws PasswordRejectedException when the password breaks the practice's policy
     */
    public AccountId complete(CompletePasswordReset request) {
        TokenDigest digest = TokenDigest.of(LinkToken.parse(LinkToken.Purpose.PASSWORD_RESET, request.token()));
        PasswordResetRequest reset = tx.inTransaction(() -> usable(digest, clock.instant()));
        AccountId accountId = java.util.Objects.requireNonNull(reset.accountId());
        PortalAccount account = accounts.findById(accountId).orElseThrow(InvalidLinkException::new);
        if (!request.password().equals(request.passwordConfirmation())) {
            throw new ValidationException("passwordConfirmation", "password.mismatch", "does not match the password");
        }
        PortalSettings practice = settings.get(reset.practiceId());
        PasswordCheck check = validator.check(
                request.password(),
                practice.registration().passwordPolicy(),
                PasswordContext.builder()
                        .addEmail(account.email().value())
                        .addWord(practice.practice().name())
                        .build());
        if (!check.acceptable()) {
            throw new PasswordRejectedException(check);
        }
        String hash = hasher.hash(request.password());
        return tx.inTransaction(() -> {
            Instant now = clock.instant();
            if (!resets.redeem(digest, now)) {
                throw new InvalidLinkException();
            }
            PortalAccount changed = storeNewHash(accountId, hash, now);
            resets.supersedeOpen(accountId);
            audit.append(AuditEvent.of(AuditAction.PASSWORD_RESET, Actor.account(accountId), now)
                    .practice(reset.practiceId())
                    .account(accountId)
                    .detail("unlocked", account.status() == AccountStatus.LOCKED)
                    .build());
            PortalEvent event = new PortalEvent.PasswordReset(accountId, now);
            inTransaction.onEvent(event);
            tx.afterCommit(() -> {
                log.info("password reset completed for account {}", accountId);
                events.onEvent(event);
            });
            return changed.id();
        });
    }

    private PortalAccount storeNewHash(AccountId accountId, String hash, Instant now) {
        for (int attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
            PortalAccount current = accounts.findById(accountId).orElseThrow(InvalidLinkException::new);
            if (current.status() != AccountStatus.ACTIVE && current.status() != AccountStatus.LOCKED) {
                throw new InvalidLinkException();
            }
            PortalAccount changed = current.passwordReset(hash, now);
            if (accounts.update(changed)) {
                return changed;
            }
            // a login failure was counted at the same moment; apply the reset on top of it
        }
        throw new ConcurrentChangeException("The account");
    }

    private PasswordResetRequest usable(TokenDigest digest, Instant now) {
        PasswordResetRequest reset = resets.findByTokenDigest(digest)
                .filter(r -> r.tokenDigest().matches(digest))
                .orElseThrow(InvalidLinkException::new);
        if (!reset.isUsable(now) || reset.accountId() == null) {
            log.info("password reset link {} refused: {}", reset.id(), reset.status());
            throw new InvalidLinkException();
        }
        return reset;
    }

    private static Optional<EmailAddress> parse(String email) {
        try {
            return Optional.of(EmailAddress.parse("email", email));
        } catch (ValidationException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /**
     * The answer to a "forgot password" request. It is the same value whether or not the email has an
     * account, is rate-limited or is disabled, so a host that shows it reveals nothing (checklist E1).
     *
     * @param message the text to show
     */
    public record ResetRequestReceipt(String message) {

        /** The only receipt the service returns. */
        public static final ResetRequestReceipt GENERIC = new ResetRequestReceipt(
                "If an account exists for this email address, we have sent it a link to choose a new password. "
                        + "The link works once and expires soon.");
    }

    /**
     * What the person following a reset link submits.
     *
     * @param token the token from the link
     * @param password the new password
     * @param passwordConfirmation the new password typed again
     */
    public record CompletePasswordReset(String token, String password, String passwordConfirmation) {

        /** Checks presence. */
        public CompletePasswordReset {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(passwordConfirmation, "passwordConfirmation");
        }

        @Override
        public String toString() {
            return "CompletePasswordReset[token=***, password=***]";
        }
    }
}
