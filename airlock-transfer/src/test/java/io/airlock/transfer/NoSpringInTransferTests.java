package io.airlock.transfer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The protocol library stays plain Java, Jackson and Bouncy Castle, usable by operators' tools
 * without Spring.
 */
class NoSpringInTransferTests {

  @Test
  void transferLibraryDependsOnNeitherSpringNorTheApplications() {
    var classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.airlock.transfer");

    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "io.airlock.platform..",
            "io.airlock.requestside..",
            "io.airlock.responseside..")
        .check(classes);
  }
}
