package io.portalinvite.invitation;

import io.portalinvite.account.AccountStore;
import io.portalinvite.account.DuplicateAccountException;
import io.portalinvite.account.PatientAccess;
import io.portalinvite.account.PortalAccount;
import io.portalinvite.account.PortalAccount.AccountStatus;
import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.audit.AuditStore;
import io.portalinvite.common.AccessKind;
import io.portalinvite.common.AccountId;
import io.portalinvite.common.Actor;
import io.portalinvite.common.ConcurrentChangeException;
import io.portalinvite.common.InviteeKind;
import io.portalinvite.common.ValidationException;
import io.portalinvite.internal.invitation.DateOfBirthAttempt;
import io.portalinvite.invitation.RegistrationService.CompleteRegistration;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.password.PasswordCheck;
import io.portalinvite.password.PasswordCheck.PasswordRejectedException;
import io.portalinvite.password.PasswordHasher;
import io.portalinvite.password.PasswordValidator;
import io.portalinvite.password.PasswordValidator.PasswordContext;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.settings.SettingsService;
import io.portalinvite.token.LinkToken;
import io.portalinvite.token.LinkToken.InvalidLinkException;
import io.portalinvite.token.TokenDigest;
import io.portalinvite.tx.TransactionRunner;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The invitee's side: open the link (a read-only preview) and complete registration by setting a
 * password.
 *
 * <p>Opening never consumes the link, because mail security scanners open links before people do
 * (checklist A9). Completing consumes it with one conditional write that exactly one concurrent
 * request can win (A5), in the same transaction that creates the account and the access grant.
 * Every failure of the token itself — malformed, unknown, expired, revoked, superseded, used —
 * raises the same {@link InvalidLinkException}.
 */
public final class RegistrationService {

    private static final Logger log = LoggerFactory.getLogger(RegistrationService.class);

    private final TransactionRunner tx;
    private final InvitationStore invitations;
    private final AccountStore accounts;
    private final AuditStore audit;
    private final SettingsService settings;
    private final PasswordValidator validator;
    private final PasswordHasher hasher;
    private final InvitationLifecycle lifecycle;
    private final Clock clock;

    /**
     * Creates the service. Built by {@link io.portalinvite.PortalInvite}; hosts get it from there.
     *
     * @param tx the transaction boundary every store joins
     * @param invitations the invitation store
     * @param accounts the account and access-grant store
     * @param audit the audit store
     * @param settings practices' settings
     * @param validator the password policy check
     * @param hasher the password hasher
     * @param lifecycle performs every invitation state change
     * @param clock the clock
     */
    public RegistrationService(
            TransactionRunner tx,
            InvitationStore invitations,
            AccountStore accounts,
            AuditStore audit,
            SettingsService settings,
            PasswordValidator validator,
            PasswordHasher hasher,
            InvitationLifecycle lifecycle,
            Clock clock) {
        this.tx = tx;
        this.invitations = invitations;
        this.accounts = accounts;
        this.audit = audit;
        this.settings = settings;
        this.validator = validator;
        this.hasher = hasher;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    /**
     * Shows who and what an invitation link is for. Records that it was viewed; changes nothing
     * else, however often it is called.
     *
     * @param token the token from the link
     * @return the preview
     * @throws InvalidLinkException when the link cannot be used
     */
    public InvitationPreview preview(String token) {
        TokenDigest digest = TokenDigest.of(LinkToken.parse(LinkToken.Purpose.INVITATION, token));
        return tx.inTransaction(() -> {
            Instant now = clock.instant();
            Invitation invitation = usable(digest, now);
            PortalSettings practice = settings.get(invitation.practiceId());
            audit.append(AuditEvent.of(AuditAction.INVITATION_VIEWED, Actor.INVITEE, now)
                    .practice(invitation.practiceId())
                    .patient(invitation.patient().id())
                    .invitation(invitation.id())
                    .build());
            Invitee invitee = invitation.invitee();
            return new InvitationPreview(
                    practice.practice().name(),
                    invitee.name().given(),
                    invitee.email().masked(),
                    invitation.expiresAt(),
                    invitee.kind(),
                    invitee.kind() == InviteeKind.CARER
                            ? invitation.patient().name().given()
                            : null,
                    practice.registration().dateOfBirthCheck(),
                    practice.practice().timeZone(),
                    Objects.requireNonNullElse(
                            invitation.language(), practice.practice().locale()),
                    practice.registration().consent());
        });
    }

    /**
     * Tells whether the invitation's email already has an active Patient Portal account, so that the
     * invitation page can ask for that account's password up front instead of a new one. The holder
     * of the link has proved control of that address, so this tells nobody else anything. Changes
     * nothing and records nothing.
     *
     * @param token the token from the link
     * @return true when completing will add the access to an existing account
     * @throws InvalidLinkException when the link cannot be used
     */
    public boolean invitesExistingAccount(String token) {
        TokenDigest digest = TokenDigest.of(LinkToken.parse(LinkToken.Purpose.INVITATION, token));
        Invitation invitation = tx.inTransaction(() -> usable(digest, clock.instant()));
        return accounts.findByEmail(invitation.invitee().email().lookupKey())
                .filter(a -> a.status() == AccountStatus.ACTIVE)
                .isPresent();
    }

    /**
     * Finds who used an invitation link that can no longer be used, when the request proves it is
     * them: the link was accepted (by this person in another tab, say, or earlier) and the password
     * is the correct one of the active account it was accepted for. Anyone else — a wrong password,
     * an expired, revoked or unknown link — gets empty, the same as for every unusable link.
     *
     * @param token the token from the link
     * @param password the password the request carried
     * @return the account's email when the password proves the account holder; empty otherwise
     */
    public Optional<EmailAddress> holderOfUsedLink(String token, String password) {
        TokenDigest digest;
        try {
            digest = TokenDigest.of(LinkToken.parse(LinkToken.Purpose.INVITATION, token));
        } catch (InvalidLinkException e) {
            return Optional.empty();
        }
        Optional<Invitation> used = tx.inTransaction(() -> invitations
                .findByTokenDigest(digest)
                .filter(i -> i.tokenDigest().matches(digest))
                .filter(i -> i.status() == Invitation.InvitationStatus.ACCEPTED));
        if (used.isEmpty() || password.isEmpty()) {
            return Optional.empty();
        }
        return accounts.findByEmail(used.get().invitee().email().lookupKey())
                .filter(a -> a.status() == AccountStatus.ACTIVE)
                .filter(a -> hasher.verify(a.passwordHash(), password))
                .map(PortalAccount::email);
    }

    /**
     * Completes registration: checks the link, the date of birth when required, and the password;
     * then consumes the link and creates the account (or, when the invitee already has an account
     * with this email, adds the access to it after checking that account's password) with a SELF or
     * PROXY grant.
     *
     * @param request what the invitee submitted
     * @return the account and grant
     * @throws InvalidLinkException when the link cannot be used (also when another request used it
     *     a moment earlier)
     * @throws DateOfBirthMismatchException when the date of birth does not match
     * @throws PasswordRejectedException when the password breaks the policy
     * @throws ValidationException when the confirmation differs or the existing account's password is wrong
     */
    public RegistrationResult complete(CompleteRegistration request) {
        TokenDigest digest = TokenDigest.of(LinkToken.parse(LinkToken.Purpose.INVITATION, request.token()));
        Invitation invitation = tx.inTransaction(() -> usable(digest, clock.instant()));
        PortalSettings practice = settings.get(invitation.practiceId());
        checkBeforeAccepting(digest, invitation, practice, request.dateOfBirth(), request.acceptedConsentVersion());
        if (!request.password().equals(request.passwordConfirmation())) {
            // checked before any hashing work (checklist C7)
            throw new ValidationException("passwordConfirmation", "password.mismatch", "does not match the password");
        }

        Optional<PortalAccount> existing =
                accounts.findByEmail(invitation.invitee().email().lookupKey());
        String newHash = null;
        if (existing.isPresent()) {
            PortalAccount account = existing.get();
            if (account.status() != AccountStatus.ACTIVE
                    || !hasher.verify(account.passwordHash(), request.password())) {
                throw new ValidationException(
                        "password",
                        "password.existing_account",
                        "This email already has a Patient Portal account: enter that account's password to add "
                                + "this access to it");
            }
        } else {
            PasswordCheck check = validator.check(
                    request.password(), practice.registration().passwordPolicy(), context(invitation, practice));
            if (!check.acceptable()) {
                throw new PasswordRejectedException(check);
            }
            newHash = hasher.hash(request.password());
        }
        String hash = newHash;
        try {
            return tx.inTransaction(
                    () -> accept(digest, invitation, practice, hash, null, request.acceptedConsentVersion()));
        } catch (DuplicateAccountException e) {
            // another invitation for the same email completed at the same moment
            throw new ConcurrentChangeException("The account for this email");
        }
    }

    /**
     * Accepts an invitation into the account the host has already signed in — a carer with an
     * account opening a new proxy invitation, say — without creating a second account or asking for
     * the password again. The invitation's email must be the account's login email: the link proves
     * control of that address, the host's session proves the account.
     *
     * @param token the token from the link
     * @param signedIn the account of the host's authenticated session
     * @param dateOfBirth the patient's date of birth, when the practice asks for it
     * @param acceptedConsentVersion the privacy notice version accepted, or null when none was shown
     * @return the account and grant
     * @throws InvalidLinkException when the link cannot be used
     * @throws DateOfBirthMismatchException when the date of birth does not match
     * @throws ValidationException when the account is not active or its email is not the invitation's,
     *     or the privacy notice was not accepted
     */
    public RegistrationResult acceptSignedIn(
            String token,
            AccountId signedIn,
            @Nullable LocalDate dateOfBirth,
            @Nullable String acceptedConsentVersion) {
        TokenDigest digest = TokenDigest.of(LinkToken.parse(LinkToken.Purpose.INVITATION, token));
        Invitation invitation = tx.inTransaction(() -> usable(digest, clock.instant()));
        PortalSettings practice = settings.get(invitation.practiceId());
        checkBeforeAccepting(digest, invitation, practice, dateOfBirth, acceptedConsentVersion);
        PortalAccount account = accounts.findById(signedIn)
                .filter(a -> a.status() == AccountStatus.ACTIVE)
                .filter(a -> a.email()
                        .lookupKey()
                        .equals(invitation.invitee().email().lookupKey()))
                .orElseThrow(() -> new ValidationException(
                        "account",
                        "account.email_mismatch",
                        "This invitation was sent to another email address: sign in with the account for "
                                + invitation.invitee().email().masked()));
        return tx.inTransaction(() -> accept(digest, invitation, practice, null, account.id(), acceptedConsentVersion));
    }

    /** The checks every way of accepting shares, before any password work. */
    private void checkBeforeAccepting(
            TokenDigest digest,
            Invitation invitation,
            PortalSettings practice,
            @Nullable LocalDate dateOfBirth,
            @Nullable String acceptedConsentVersion) {
        if (practice.registration().dateOfBirthCheck()) {
            if (dateOfBirth == null) {
                throw new ValidationException("dateOfBirth", "required", "is required");
            }
            checkDateOfBirth(digest, invitation, practice, dateOfBirth);
        }
        AcceptanceRules.checkConsentAndAge(
                invitation,
                practice,
                acceptedConsentVersion,
                LocalDate.ofInstant(clock.instant(), practice.practice().timeZone()));
    }

    private RegistrationResult accept(
            TokenDigest digest,
            Invitation invitation,
            PortalSettings practice,
            @Nullable String newHash,
            @Nullable AccountId signedIn,
            @Nullable String consentVersion) {
        Instant now = clock.instant();
        if (!invitations.redeem(digest, now)) {
            throw new InvalidLinkException();
        }
        PortalAccount account;
        boolean created = newHash != null;
        if (newHash != null) {
            account = PortalAccount.activate(invitation.invitee().email(), newHash, now);
            accounts.insert(account);
        } else if (signedIn != null) {
            account = accounts.findById(signedIn).orElseThrow(InvalidLinkException::new);
        } else {
            account = accounts.findByEmail(invitation.invitee().email().lookupKey())
                    .orElseThrow(InvalidLinkException::new);
        }
        AccessKind kind = Eligibility.accessKind(invitation.invitee());
        LocalDate today = LocalDate.ofInstant(now, practice.practice().timeZone());
        Optional<PatientAccess> held = accounts.findAccessByAccount(account.id()).stream()
                .filter(a -> a.practiceId().equals(invitation.practiceId())
                        && a.patientId().equals(invitation.patient().id())
                        && a.kind() == kind
                        && a.isActive(today))
                .findFirst();
        PatientAccess access;
        if (held.isPresent()) {
            access = held.get();
            if (consentVersion != null && !consentVersion.equals(access.consentVersion())) {
                access = access.withConsent(consentVersion, now);
                accounts.updateAccess(access);
            }
        } else {
            access = AcceptanceRules.newGrant(invitation, practice, account.id(), kind, today, now, consentVersion);
            accounts.insertAccess(access);
            lifecycle.recordGrant(invitation, access, now);
        }
        lifecycle.recordAcceptance(invitation, account.id(), kind, created, consentVersion, now);
        return new RegistrationResult(account.id(), account.email(), access, created);
    }

    /**
     * Compares the date of birth and counts a wrong one in one atomic step on the invitation, before
     * anything else about the submission is looked at: a right date is accepted only while the limit
     * was not yet reached, and every wrong one is counted however many arrive at once. A submission
     * that finds the limit reached by others gets the same answer as any use of a dead link, so no
     * answer depends on whether the date was right once the limit is reached.
     */
    private void checkDateOfBirth(
            TokenDigest digest, Invitation invitation, PortalSettings practice, LocalDate dateOfBirth) {
        // the failure is returned, not thrown, so that the transaction recording it commits
        DateOfBirthMismatchException failure = tx.inTransaction(() -> {
            Instant now = clock.instant();
            DateOfBirthAttempt attempt = invitations.attemptDateOfBirth(
                    digest, dateOfBirth, practice.registration().maxDateOfBirthAttempts(), now);
            return switch (attempt.outcome()) {
                case MATCHED -> null;
                case UNUSABLE -> throw new InvalidLinkException();
                case MISMATCHED, MISMATCHED_AND_REVOKED ->
                    lifecycle.recordDateOfBirthFailure(invitation, practice, attempt, now);
            };
        });
        if (failure != null) {
            throw failure;
        }
    }

    private Invitation usable(TokenDigest digest, Instant now) {
        Invitation invitation = invitations
                .findByTokenDigest(digest)
                .filter(i -> i.tokenDigest().matches(digest))
                .orElseThrow(InvalidLinkException::new);
        if (!invitation.isUsable(now) || !settings.get(invitation.practiceId()).enabled()) {
            log.info("invitation {} link refused: {}", invitation.id(), invitation.effectiveStatus(now));
            throw new InvalidLinkException();
        }
        return invitation;
    }

    private static PasswordContext context(Invitation invitation, PortalSettings practice) {
        PasswordContext.Builder context = PasswordContext.builder()
                .addName(invitation.invitee().name().given())
                .addName(invitation.invitee().name().family())
                .addName(invitation.patient().name().given())
                .addName(invitation.patient().name().family())
                .addEmail(invitation.invitee().email().value())
                .addDateOfBirth(invitation.patient().dateOfBirth())
                .addWord(practice.practice().name());
        return context.build();
    }

    /**
     * What the invitee submits on the invitation page. {@link #toString()} never shows the token or the
     * passwords.
     *
     * @param token the token from the link
     * @param password the chosen password
     * @param passwordConfirmation the password typed again
     * @param dateOfBirth the patient's date of birth, when the practice asks for it
     * @param acceptedConsentVersion the version of the practice's privacy notice the invitee ticked to
     *     accept ({@link InvitationPreview#consentVersion()}), or null when none was shown
     */
    public record CompleteRegistration(
            String token,
            String password,
            String passwordConfirmation,
            @Nullable LocalDate dateOfBirth,
            @Nullable String acceptedConsentVersion) {

        /**
         * A submission for a practice without a privacy notice to accept.
         *
         * @param token the token from the link
         * @param password the chosen password
         * @param passwordConfirmation the password typed again
         * @param dateOfBirth the patient's date of birth, when the practice asks for it
         */
        public CompleteRegistration(
                String token, String password, String passwordConfirmation, @Nullable LocalDate dateOfBirth) {
            this(token, password, passwordConfirmation, dateOfBirth, null);
        }

        /** Checks presence (content is checked by the service). */
        public CompleteRegistration {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(passwordConfirmation, "passwordConfirmation");
        }

        @Override
        public String toString() {
            return "CompleteRegistration[token=***, password=***, dateOfBirth=" + (dateOfBirth == null ? "-" : "***")
                    + ", consent=" + acceptedConsentVersion + "]";
        }
    }

    /**
     * The outcome of a completed registration. The invitee is not logged in: they log in next with the
     * password they chose (OWASP: no automatic login after setting a password).
     *
     * @param accountId the account that now holds access
     * @param email the account's login email
     * @param access the grant made by this registration
     * @param newAccount true when the account was created now; false when an existing account gained access
     */
    public record RegistrationResult(
            AccountId accountId, EmailAddress email, PatientAccess access, boolean newAccount) {}
}
