package dev.signet.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules of the house that the compiler does not keep: the modules' dependencies point one way
 * (Maven keeps that), and these keep what each module shows the others.
 */
class ArchitectureTest {
  private static final JavaClasses SIGNET = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.signet.core", "dev.signet.directory", "dev.signet.pki", "dev.signet.mail",
          "dev.signet.server", "dev.signet.cli");

  @Test
  void bouncyCastleIsUsedOnlyInsideInternalPackages() {
    noClasses().that().resideOutsideOfPackage("..internal..")
        .should().dependOnClassesThat().resideInAPackage("org.bouncycastle..")
        .because("each module's public API speaks JCA and its own types; Bouncy Castle stays an implementation detail")
        .check(SIGNET);
  }

  @ParameterizedTest(name = "only {0} reaches into dev.signet.{0}.internal")
  @ValueSource(strings = {"core", "directory", "pki", "mail", "server", "cli"})
  void noModuleReachesIntoAnothersInternals(String module) {
    noClasses().that().resideOutsideOfPackage("dev.signet." + module + "..")
        .should().dependOnClassesThat().resideInAPackage("dev.signet." + module + ".internal..")
        .check(SIGNET);
  }

  @Test
  void theWebUiDoesNotDependOnTheServiceThatHostsIt() {
    noClasses().that().resideInAPackage("dev.signet.server.web..")
        .should().dependOnClassesThat().resideInAPackage("dev.signet.server")
        .because("the service composes its parts; a part sees only dev.signet.server.part")
        .check(SIGNET);
  }

  @Test
  void belowTheCommandLineTheWallClockIsReadOnlyThroughAClock() {
    noClasses().that().resideOutsideOfPackage("dev.signet.cli..")
        .should().callMethod(Instant.class, "now")
        .orShould().callMethod(System.class, "currentTimeMillis")
        .because("STYLE: take a Clock, so a test can move time; a time-out measures elapsed time with a Deadline")
        .check(SIGNET);
  }

  @Test
  void oneLoggingApi() {
    noClasses().should().dependOnClassesThat().haveFullyQualifiedName("java.lang.System$Logger")
        .because("Signet logs through SLF4J (to logback in the service); java.util.logging is only quieted for Flyway")
        .check(SIGNET);
  }
}
