package io.airlock.searchnode;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.airlock.searchnode.node.SearchNode;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchNodeLauncherTests {

  @Test
  void launcherLoadsNothingThatCallersExclude() {
    JavaClasses launcherPackage =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.airlock.searchnode");

    noClasses()
        .that()
        .resideInAPackage("io.airlock.searchnode")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.opensearch..",
            "org.apache.lucene..",
            "org.apache.logging..",
            "io.netty..",
            "io.airlock.searchnode.node..")
        .check(launcherPackage);
  }

  @Test
  void launcherAndNodeAgreeOnMainClassAndReadyLine() {
    assertThat(SearchNodeLauncher.NODE_MAIN_CLASS).isEqualTo(SearchNode.class.getName());
    assertThat(SearchNodeLauncher.READY_MARKER).isEqualTo(SearchNode.READY_MARKER);
  }

  @Test
  void childClasspathIsThisModuleThenItsRuntimeDependencies() {
    List<String> entries =
        List.of(NodeClasspath.forChild(SearchNodeLauncher.OPENSEARCH).split(File.pathSeparator));

    assertThat(Path.of(entries.get(0)))
        .isEqualTo(NodeClasspath.ownLocation(SearchNodeLauncher.OPENSEARCH));
    assertThat(entries)
        .anyMatch(entry -> entry.endsWith("opensearch-2.19.1.jar"))
        .anyMatch(entry -> entry.endsWith("netty-common-4.1.118.Final.jar"))
        .anyMatch(entry -> entry.endsWith("log4j-core-2.21.0.jar"))
        .noneMatch(entry -> entry.contains("junit"))
        .noneMatch(entry -> entry.contains("assertj"));
  }
}
