package io.portalinvite.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps core's structure: its packages depend on each other in one direction only, it uses no
 * Spring, JDBC, mail transport or HTTP client, and the outbox dispatcher knows message kinds only
 * through their handlers. Read from core's compiled main classes, so a forbidden import fails the
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
        slices().matching("io.portalinvite.(*)..")
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
