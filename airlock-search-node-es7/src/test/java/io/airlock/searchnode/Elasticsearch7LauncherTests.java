package io.airlock.searchnode;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.airlock.searchnode.node.Elasticsearch7Node;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class Elasticsearch7LauncherTests {

  @Test
  void launcherLoadsNothingThatCallersExclude() {
    JavaClasses launcher =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importClasses(Elasticsearch7Launcher.class);

    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.elasticsearch..",
            "org.apache.lucene..",
            "org.apache.logging..",
            "io.netty..",
            "io.airlock.searchnode.node..")
        .check(launcher);
  }

  @Test
  void launcherAndNodeAgreeOnMainClassAndReadyLine() {
    assertThat(Elasticsearch7Launcher.NODE_MAIN_CLASS)
        .isEqualTo(Elasticsearch7Node.class.getName());
    assertThat(Elasticsearch7Launcher.READY_MARKER).isEqualTo(Elasticsearch7Node.READY_MARKER);
  }

  @Test
  void childClasspathHoldsElasticsearch7AndTheSampleDataButNoOpenSearch() {
    List<String> entries =
        List.of(
            NodeClasspath.forChild(Elasticsearch7Launcher.ELASTICSEARCH_7)
                .split(File.pathSeparator));

    assertThat(Path.of(entries.get(0)))
        .isEqualTo(NodeClasspath.ownLocation(Elasticsearch7Launcher.ELASTICSEARCH_7));
    assertThat(entries)
        .anyMatch(entry -> entry.endsWith("elasticsearch-7.17.29.jar"))
        .anyMatch(entry -> entry.endsWith("transport-netty4-client-7.17.29.jar"))
        .anyMatch(entry -> entry.endsWith("netty-common-4.1.94.Final.jar"))
        .anyMatch(entry -> entry.endsWith("log4j-core-2.17.1.jar"))
        .anyMatch(entry -> entry.contains("airlock-search-node"))
        .noneMatch(entry -> entry.contains("opensearch"))
        .noneMatch(entry -> entry.contains("lucene-core-9"))
        .noneMatch(entry -> entry.contains("junit"))
        .noneMatch(entry -> entry.contains("assertj"));
  }
}
