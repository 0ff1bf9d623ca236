package io.portalinvite.testing;

import io.portalinvite.PortalInvite;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.StaffId;
import io.portalinvite.event.PortalEvent;
import io.portalinvite.invitation.InviteRequest;
import io.portalinvite.invitation.InviteResult;
import io.portalinvite.password.Argon2Parameters;
import io.portalinvite.password.Argon2idPasswordHasher;
import io.portalinvite.password.PasswordHasher;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.storage.PortalStorage;
import io.portalinvite.token.TokenKey;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A portal wired for tests over the given storage: capturing senders, a settable clock starting at
 * {@link #START}, a fixed token key, a cheap Argon2id hasher and a recorded event list.
 */
public final class PortalFixture {

    /** The practice used by default. */
    public static final PracticeId PRACTICE = PracticeId.of("practice-1");
    /** The staff member used by default. */
    public static final StaffId STAFF = StaffId.of("staff-7");
    /** The clock's starting instant. */
    public static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
    /** The default patient's date of birth. */
    public static final LocalDate DOB = LocalDate.of(1990, 5, 17);
    /** A password that satisfies the default policy and is not on any list. */
    public static final String GOOD_PASSWORD = "violet kayak drifts over quiet granite";

    private static volatile PasswordHasher fastHasher;

    /** The clock. */
    public final MutableClock clock = new MutableClock(START);
    /** Captured emails. */
    public final CapturingEmailSender email = new CapturingEmailSender();
    /** Captured SMS. */
    public final CapturingSmsSender sms = new CapturingSmsSender();
    /** Events raised to listeners, in order. */
    public final List<PortalEvent> events = new CopyOnWriteArrayList<>();
    /** The stores. */
    public final PortalStorage storage;
    /** The portal under test. */
    public final PortalInvite portal;

    /**
     * Wires a portal over the storage.
     *
     * @param storage the stores
     */
    public PortalFixture(PortalStorage storage) {
        this(storage, b -> {});
    }

    /**
     * Wires a portal over the storage, letting the test change the builder.
     *
     * @param storage the stores
     * @param customizer changes applied after the fixture's defaults
     */
    public PortalFixture(PortalStorage storage, Consumer<PortalInvite.Builder> customizer) {
        this.storage = storage;
        PortalInvite.Builder builder = PortalInvite.builder()
                .storage(storage)
                .tokenKey(TokenKey.of(new byte[] {
                    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                    17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32
                }))
                .emailSender(email)
                .smsSender(sms)
                .passwordHasher(fastHasher())
                .clock(clock)
                .listener(events::add);
        customizer.accept(builder);
        this.portal = builder.build();
    }

    /**
     * An Argon2id hasher with small parameters, so tests that hash many passwords stay fast. The
     * algorithm and code path are the production ones.
     *
     * @return a shared hasher
     */
    public static PasswordHasher fastHasher() {
        PasswordHasher h = fastHasher;
        if (h == null) {
            synchronized (PortalFixture.class) {
                h = fastHasher;
                if (h == null) {
                    h = new Argon2idPasswordHasher(new Argon2Parameters(1024, 1, 1));
                    fastHasher = h;
                }
            }
        }
        return h;
    }

    /**
     * Enables the portal at {@link #PRACTICE} with default settings.
     *
     * @return the saved settings
     */
    public PortalSettings enablePortal() {
        return enablePortal(b -> b);
    }

    /**
     * Enables the portal at {@link #PRACTICE} with changed settings.
     *
     * @param changes changes to the default settings
     * @return the saved settings
     */
    public PortalSettings enablePortal(UnaryOperator<PortalSettings.Builder> changes) {
        PortalSettings settings = changes.apply(PortalSettings.builder(PRACTICE)
                        .enabled(true)
                        .practiceName("Sunrise Family Clinic")
                        .invitationLinkBase("https://portal.sunrise.example/invitation"))
                .build();
        return portal.settings().save(settings, STAFF);
    }

    /**
     * A new-patient request with valid details for the given patient id.
     *
     * @param patientId the host's patient id
     * @return a builder to adjust
     */
    public InviteRequest.Builder newPatient(String patientId) {
        return InviteRequest.newPatient(PRACTICE.value(), STAFF.value())
                .patientId(patientId)
                .name("Ada", "Lovelace")
                .dateOfBirth(DOB)
                .email("ada." + patientId + "@example.org")
                .mobile("0412 345 678");
    }

    /**
     * An existing-patient request with valid details for the given patient id.
     *
     * @param patientId the host's patient id
     * @return a builder to adjust
     */
    public InviteRequest.Builder existingPatient(String patientId) {
        return InviteRequest.existingPatient(PRACTICE.value(), STAFF.value())
                .patientId(patientId)
                .name("Grace", "Hopper")
                .dateOfBirth(LocalDate.of(1956, 12, 9))
                .email("grace." + patientId + "@example.org")
                .mobile("+61 412 000 111");
    }

    /**
     * Invites, runs the dispatcher, and returns the token from the email that arrived.
     *
     * @param request the request
     * @return the token in the delivered link
     */
    public String inviteAndDeliver(InviteRequest request) {
        InviteResult result = portal.invitations().invite(request);
        if (result.invitation() == null) {
            throw new IllegalStateException("nothing was invited: " + result.outcome());
        }
        portal.dispatcher().drain();
        return email.lastToken();
    }
}
