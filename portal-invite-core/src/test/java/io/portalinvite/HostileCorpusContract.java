package io.portalinvite;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.common.PatientId;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.StaffId;
import io.portalinvite.common.ValidationException;
import io.portalinvite.delivery.TemplateService.TemplateName;
import io.portalinvite.event.PortalEvent;
import io.portalinvite.invitation.Invitation;
import io.portalinvite.invitation.InviteRequest;
import io.portalinvite.invitation.InviteResult;
import io.portalinvite.invitation.InviteResult.InviteOutcome;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.party.PersonName;
import io.portalinvite.party.PhoneNumber;
import io.portalinvite.party.Relationship;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.storage.PortalStorage;
import io.portalinvite.testing.HostileCorpus;
import io.portalinvite.testing.PortalFixture;
import io.portalinvite.token.LinkToken.InvalidLinkException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every value of the hostile-input corpus ({@link HostileCorpus}, at least 300) through every public
 * entry point that takes text — invite fields (names, emails, mobiles, ids, the carer's), link tokens,
 * passwords, login, template overrides, practice settings — against a storage implementation
 * (checklist L2, B4, B5, B7, A8, C2, C4; ASVS 2.1.1, 2.3.3, 16.5.1). Each call must end in one of two
 * ways: a typed refusal ({@link ValidationException}, {@code PasswordRejectedException},
 * {@link InvalidLinkException}) whose message carries no raw line break, with nothing stored or
 * queued for it; or acceptance, with the value stored as its parser defines it and read back
 * identically from the store. Any other exception, or a partial write, fails the test, which lists
 * every offending value at once.
 */
public abstract class HostileCorpusContract {

    private static final List<String> INVITE_FIELDS = List.of(
            "patient.givenName",
            "patient.familyName",
            "patient.email",
            "patient.mobile",
            "patient.id",
            "carer.givenName",
            "carer.familyName",
            "carer.email",
            "carer.mobile");

    /** The fixture of the current test. */
    protected PortalFixture f;
    /** What went wrong so far, one line per value and entry point; the test asserts it empty. */
    protected final List<String> problems = new ArrayList<>();

    /**
     * Creates fresh, empty stores for one test.
     *
     * @return the storage under test
     */
    protected abstract PortalStorage newStorage();

    /**
     * Spreads the work on slow stores: each value goes through every {@code stride}-th invite field
     * and setting (starting at a different one for each value), so every field still meets about
     * 1/stride of the corpus. The in-memory run uses 1: every value through every field.
     *
     * @return 1 for all fields, more to share the corpus among them
     */
    protected int stride() {
        return 1;
    }

    @BeforeEach
    void setUpPortal() {
        f = new PortalFixture(newStorage());
        f.enablePortal();
    }

    @Test
    void corpusWhenLoadedThenAtLeastThreeHundredDistinctValues() {
        assertThat(HostileCorpus.values()).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(300);
    }

    @Test
    void inviteWhenAnyTextFieldCarriesACorpusValueThenTypedRefusalWithNothingStoredOrStoredAsParsed() {
        int n = 0;
        int queued = 0;
        List<HostileCorpus.Entry> entries = HostileCorpus.entries();
        for (int i = 0; i < entries.size(); i++) {
            HostileCorpus.Entry e = entries.get(i);
            for (int k = i % stride(); k < INVITE_FIELDS.size(); k += stride()) {
                String field = INVITE_FIELDS.get(k);
                String patient = field.equals("patient.id") ? e.value() : "c-" + (n++);
                InviteRequest request = request(field, e.value(), patient);
                Optional<PatientId> patientId = parses(() -> PatientId.parse("patient.id", patient));
                int eventsBefore = f.events.size();
                Outcome<InviteResult> outcome =
                        attempt(() -> f.portal.invitations().invite(request));
                String where = "invite " + field + " " + e;
                if (outcome.refused()) {
                    check(
                            where,
                            patientId
                                    .map(p -> f.portal
                                                    .invitations()
                                                    .history(PortalFixture.PRACTICE, p)
                                                    .isEmpty()
                                            && f.portal
                                                    .invitations()
                                                    .auditTrail(PortalFixture.PRACTICE, p)
                                                    .isEmpty())
                                    .orElse(true),
                            "refused, but something was stored for the patient");
                    check(
                            where,
                            f.events.subList(eventsBefore, f.events.size()).stream()
                                    .noneMatch(ev -> ev instanceof PortalEvent.InvitationCreated),
                            "refused, but an event was raised");
                } else if (outcome.value() != null) {
                    queued += checkStoredInvitation(where, field, e.value(), outcome.value());
                } else {
                    check(where, false, "answered " + outcome);
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(f.portal.dispatcher().drain())
                .as("the accepted invitations' messages and nothing else")
                .isEqualTo(queued);
    }

    @Test
    void templateOverrideWhenSourceIsOrContainsACorpusValueThenTypedRefusalOrStoredVerbatimAndPreviewRenders() {
        List<HostileCorpus.Entry> entries = HostileCorpus.entries();
        for (int i = 0; i < entries.size(); i++) {
            HostileCorpus.Entry e = entries.get(i);
            // each value in one of the three templates, in turn: they share validation and storage
            for (TemplateName name : List.of(TemplateName.values()[i % TemplateName.values().length])) {
                for (String source : List.of(e.value(), "Hello " + e.value() + " {{link}} {{practiceName}}")) {
                    String where = "template " + name + " " + e;
                    Outcome<?> saved = attempt(() -> {
                        f.portal.templates().override(PortalFixture.PRACTICE, name, source, PortalFixture.STAFF);
                        return null;
                    });
                    if (saved.failure() == null) {
                        check(
                                where,
                                f.portal
                                        .templates()
                                        .source(PortalFixture.PRACTICE, name)
                                        .equals(source),
                                "accepted, but stored differently");
                        Outcome<?> preview = attempt(() -> f.portal.templates().preview(PortalFixture.PRACTICE, true));
                        check(where, preview.failure() == null, "accepted, but the preview failed: " + preview);
                        f.portal.templates().reset(PortalFixture.PRACTICE, name, PortalFixture.STAFF);
                    } else if (!saved.refused()) {
                        check(where, false, "answered " + saved);
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void settingsWhenATextSettingIsACorpusValueThenTypedRefusalOrStoredVerbatim() {
        PortalSettings base = f.portal.settings().get(PortalFixture.PRACTICE);
        List<Function<String, PortalSettings.Builder>> setters = List.of(
                v -> PortalSettings.builder(PortalFixture.PRACTICE)
                        .enabled(true)
                        .practiceName(v)
                        .invitationLinkBase(base.links().invitationLinkBase().toString()),
                v -> builderFrom(base).senderName(v),
                v -> builderFrom(base).invitationLinkBase(v),
                v -> builderFrom(base).defaultPhoneRegion(v),
                v -> builderFrom(base).passwordResetLinkBase(v),
                v -> builderFrom(base)
                        .consent(new io.portalinvite.settings.ConsentDocument(
                                v, "Our privacy notice.", null, PortalFixture.START, false)),
                v -> builderFrom(base)
                        .consent(new io.portalinvite.settings.ConsentDocument("v1", v, v, PortalFixture.START, true)));
        List<HostileCorpus.Entry> entries = HostileCorpus.entries();
        for (int i = 0; i < entries.size(); i++) {
            HostileCorpus.Entry e = entries.get(i);
            for (int s = i % stride(); s < setters.size(); s += stride()) {
                String where = "setting " + s + " " + e;
                Function<String, PortalSettings.Builder> setter = setters.get(s);
                Outcome<PortalSettings> saved = attempt(
                        () -> f.portal.settings().save(setter.apply(e.value()).build(), PortalFixture.STAFF));
                if (saved.value() != null) {
                    check(
                            where,
                            f.portal.settings().get(PortalFixture.PRACTICE).equals(saved.value()),
                            "accepted, but read back differently");
                    f.portal.settings().save(base, PortalFixture.STAFF);
                } else if (saved.refused()) {
                    check(where, f.portal.settings().get(PortalFixture.PRACTICE).equals(base), "refused, but changed");
                } else {
                    check(where, false, "answered " + saved);
                }
            }
            for (String field : List.of("practiceId", "staffId")) {
                Outcome<?> id = attempt(() -> field.equals("practiceId")
                        ? PracticeId.parse(field, e.value())
                        : StaffId.parse(field, e.value()));
                check(field + " " + e, id.failure() == null || id.refused(), "answered " + id);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void lifecycleEntryPointsWhenGivenACorpusValueThenTypedRefusalOrTheirDocumentedAnswer() {
        for (HostileCorpus.Entry e : HostileCorpus.entries()) {
            Outcome<io.portalinvite.reset.PasswordResetService.ResetRequestReceipt> reset =
                    attempt(() -> f.portal.passwordReset().request(PortalFixture.PRACTICE, e.value()));
            check(
                    "password reset request " + e,
                    reset.value() == io.portalinvite.reset.PasswordResetService.ResetRequestReceipt.GENERIC,
                    "answered " + reset);
            Outcome<?> cursor = attempt(() -> f.portal
                    .audit()
                    .query(io.portalinvite.audit.AuditQuery.practice(PortalFixture.PRACTICE)
                            .after(e.value())
                            .build()));
            check("audit cursor " + e, cursor.refused(), "answered " + cursor);
            Outcome<?> preset = attempt(() -> io.portalinvite.settings.AgePolicy.preset(e.value()));
            check("age policy preset " + e, preset.failure() == null || preset.refused(), "answered " + preset);
        }
        assertThat(problems).isEmpty();
        assertThat(f.portal.dispatcher().drain())
                .as("no account exists, so no reset email is sent")
                .isZero();
    }

    // ------------------------------------------------------------------------------ helpers

    private static PortalSettings.Builder builderFrom(PortalSettings base) {
        return PortalSettings.builder(base.practiceId())
                .enabled(base.enabled())
                .practiceName(base.practice().name())
                .invitationLinkBase(base.links().invitationLinkBase().toString());
    }

    private InviteRequest request(String field, String value, String patient) {
        InviteRequest.Builder b = f.newPatient(patient).email("ada." + Math.abs(patient.hashCode()) + "@example.org");
        switch (field) {
            case "patient.givenName" -> b.name(value, "Lovelace");
            case "patient.familyName" -> b.name("Ada", value);
            case "patient.email" -> b.email(value);
            case "patient.mobile" -> b.mobile(value);
            default -> {
                // the id is the patient argument; carer fields below
            }
        }
        if (field.startsWith("carer.")) {
            b.carer(
                    field.equals("carer.givenName") ? value : "Mary",
                    field.equals("carer.familyName") ? value : "Somerville",
                    field.equals("carer.email") ? value : "mary." + Math.abs(patient.hashCode()) + "@example.org",
                    field.equals("carer.mobile") ? value : "0413 222 333",
                    Relationship.PARENT);
        }
        return b.build();
    }

    /** Checks an accepted invite and returns how many messages it queued. */
    private int checkStoredInvitation(String where, String field, String value, InviteResult result) {
        if (result.outcome() != InviteOutcome.INVITED || result.invitation() == null) {
            check(where, false, "answered " + result.outcome());
            return 0;
        }
        Invitation invitation = result.invitation();
        Optional<Invitation> stored = f.portal.invitations().find(PortalFixture.PRACTICE, invitation.id());
        check(where, stored.isPresent() && stored.get().equals(invitation), "read back differently: " + stored);
        @Nullable
        Object expected = switch (field) {
            case "patient.givenName" ->
                PersonName.parse("patient", value, "Lovelace").given();
            case "patient.familyName" ->
                PersonName.parse("patient", "Ada", value).family();
            case "carer.givenName" ->
                PersonName.parse("carer", value, "Somerville").given();
            case "carer.familyName" -> PersonName.parse("carer", "Mary", value).family();
            case "patient.email", "carer.email" -> EmailAddress.parse(field, value);
            case "patient.mobile", "carer.mobile" -> optionalMobile(field, value);
            default -> PatientId.parse("patient.id", value);
        };
        @Nullable
        Object actual = switch (field) {
            case "patient.givenName" -> invitation.patient().name().given();
            case "patient.familyName" -> invitation.patient().name().family();
            case "carer.givenName" -> invitation.invitee().name().given();
            case "carer.familyName" -> invitation.invitee().name().family();
            case "patient.email" -> invitation.invitee().email();
            case "carer.email" -> invitation.invitee().email();
            case "patient.mobile" -> invitation.patient().mobile();
            case "carer.mobile" -> invitation.invitee().mobile();
            default -> invitation.patient().id();
        };
        check(where, java.util.Objects.equals(expected, actual), "stored " + actual + " instead of " + expected);
        int messages = f.portal
                .invitations()
                .deliveries(PortalFixture.PRACTICE, invitation.id())
                .size();
        check(where, messages > 0, "accepted without a queued message");
        return messages;
    }

    /** A mobile is optional: a value its parser calls missing is stored as no mobile. */
    private @Nullable PhoneNumber optionalMobile(String field, String value) {
        try {
            return PhoneNumber.parse(
                    field,
                    value,
                    f.portal.settings().get(PortalFixture.PRACTICE).practice().defaultPhoneRegion());
        } catch (ValidationException e) {
            if (e.violations().stream().allMatch(v -> v.rule().equals("required"))) {
                return null;
            }
            throw e;
        }
    }

    /**
     * Records a problem unless {@code ok}.
     *
     * @param where the entry point and corpus line
     * @param ok whether the expectation held
     * @param problem what went wrong
     */
    protected void check(String where, boolean ok, String problem) {
        if (!ok) {
            problems.add(where + ": " + problem);
        }
    }

    private static <T> Optional<T> parses(Supplier<T> parse) {
        try {
            return Optional.of(parse.get());
        } catch (ValidationException e) {
            return Optional.empty();
        }
    }

    /**
     * Runs a call and records how it ended.
     *
     * @param call the call
     * @param <T> what it returns
     * @return its value or what it threw
     */
    protected static <T> Outcome<T> attempt(Supplier<T> call) {
        try {
            return new Outcome<>(call.get(), null);
        } catch (RuntimeException e) {
            return new Outcome<>(null, e);
        }
    }

    /**
     * How a call ended.
     *
     * @param value what it returned
     * @param failure what it threw
     * @param <T> what it returns
     */
    protected record Outcome<T>(@Nullable T value, @Nullable RuntimeException failure) {

        /** @return true for a typed refusal whose message carries no raw line break */
        boolean refused() {
            return (failure instanceof ValidationException || failure instanceof InvalidLinkException)
                    && failure.getMessage()
                            .chars()
                            .noneMatch(c -> c == '\r' || c == '\n' || c == 0x85 || c == 0x2028 || c == 0x2029);
        }

        @Override
        public String toString() {
            return failure == null ? "value " + value : failure.toString().replaceAll("\\p{Cntrl}", "?");
        }
    }
}
