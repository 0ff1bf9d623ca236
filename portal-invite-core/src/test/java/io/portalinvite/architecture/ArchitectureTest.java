package io.portalinvite.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps core's structure: its packages depend on each other in one direction only, it uses no
 * Spring, JDBC, mail transport or HTTP client, the outbox dispatcher knows message kinds only
 * through their handlers, and {@code internal} (unsupported helpers for core and the project's own
 * modules, never for hosts) stays below the services. Read from core's compiled main classes, so a forbidden import fails the
 * build wherever it hides.
 */
class ArchitectureTest {

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("io.portalinvite");
    }

    @Test
    void corePackagesWhenComparedPairwiseThenFormNoCycle() {
        slices().assignedFrom(CONCEPTS)
                .should()
                .beFreeOfCycles()
                .because("every concept depends downward on the ones below it and on common")
                .check(core);
    }

    @Test
    void rootPackageWhenUsedThenOnlyFromItself() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.portalinvite")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.portalinvite")
                .because("the root package holds the facade, which sits above every concept")
                .check(core);
    }

    @Test
    void commonPackageWhenCompiledThenDependsOnNoConcept() {
        noClasses()
                .that()
                .resideInAPackage("io.portalinvite.common..")
                .should()
                .dependOnClassesThat(insideCoreButOutside("io.portalinvite.common"))
                .check(core);
    }

    @Test
    void coreWhenCompiledThenUsesNoSpringJdbcMailTransportOrHttpClient() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "java.sql..",
                        "javax.sql..",
                        "org.eclipse.angus..",
                        "com.sun.mail..",
                        "java.net.http..",
                        "okhttp3..",
                        "org.apache.hc..",
                        "org.apache.http..")
                .orShould()
                .dependOnClassesThat(jakartaMailBeyondAddressParsing())
                .because("core is the domain and its SPIs; storage and transports live in their own modules")
                .check(core);
    }

    @Test
    void outboxDispatcherWhenCompiledThenKnowsNoInvitationOrReset() {
        noClasses()
                .that()
                .resideInAPackage("io.portalinvite.delivery..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.portalinvite.invitation..", "io.portalinvite.reset..")
                .because("each message kind registers a handler; the dispatcher knows kinds only through it")
                .check(core);
    }

    @Test
    void internalPackagesWhenCompiledThenUseNoServiceOrFacade() {
        noClasses()
                .that()
                .resideInAPackage("io.portalinvite.internal..")
                .should()
                .dependOnClassesThat(DescribedPredicate.describe(
                        "are the facade or a service",
                        c -> c.getPackageName().equals("io.portalinvite")
                                || (c.getPackageName().startsWith("io.portalinvite.")
                                        && c.getSimpleName().endsWith("Service"))))
                .because("internal holds helpers the concepts share, below the services that use them")
                .check(core);
    }

    /**
     * One slice per concept package; each package under {@code internal} is a slice of its own, so
     * that a helper there may serve the concept above it without the two forming a cycle.
     */
    private static final SliceAssignment CONCEPTS = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            if (!name.startsWith("io.portalinvite.")) {
                return SliceIdentifier.ignore();
            }
            String[] parts = name.substring("io.portalinvite.".length()).split("\\.");
            return parts[0].equals("internal") && parts.length > 1
                    ? SliceIdentifier.of("internal." + parts[1])
                    : SliceIdentifier.of(parts[0]);
        }

        @Override
        public String getDescription() {
            return "core's concept packages, each internal package on its own";
        }
    };

    private static DescribedPredicate<JavaClass> insideCoreButOutside(String packageName) {
        return DescribedPredicate.describe(
                "are in core outside " + packageName,
                c -> c.getPackageName().startsWith("io.portalinvite")
                        && !c.getPackageName().startsWith(packageName));
    }

    /** Email addresses are parsed with Jakarta Mail's strict RFC 822 parser; nothing else of it. */
    private static DescribedPredicate<JavaClass> jakartaMailBeyondAddressParsing() {
        return DescribedPredicate.describe(
                "are Jakarta Mail classes other than the address parser",
                c -> c.getPackageName().startsWith("jakarta.mail")
                        && !c.getName().equals("jakarta.mail.internet.InternetAddress")
                        && !c.getName().equals("jakarta.mail.internet.AddressException")
                        && !c.getName().equals("jakarta.mail.Address"));
    }
}
