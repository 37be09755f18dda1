package io.airlock.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.airlock.platform.testing.FeatureRules;
import io.airlock.platform.testing.PlatformTables;
import io.airlock.platform.testing.TableMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform's own tables are written by their owners only, and its packages have no cycles; and
 * each check fails, with a message that says what to do, on a violation planted for it.
 */
class ArchitectureTests {

  static final Path MIGRATIONS = Path.of("src/main/resources/db/migration/platform");

  /** Every platform table and its owner (docs/architecture.md). */
  static final Map<String, String> OWNERS =
      Map.of(
          "sender_identity", "transfer",
          "outbound_batches", "transfer",
          "outbound_batch_records", "transfer",
          "outbound_peer_acks", "transfer",
          "inbound_batches", "transfer",
          "inbound_watermarks", "transfer",
          "quarantined_records", "transfer",
          "shedlock", "jobs");

  @Test
  void givesEveryTableOfTheMigrationsAnOwner() {
    assertThat(OWNERS.keySet()).isEqualTo(TableMap.tablesCreatedIn(MIGRATIONS));
  }

  @Test
  void letsOnlyTheOwnerOfATableWriteIt() {
    TableMap map = TableMap.scan(Path.of("src/main/java"), "io.airlock.platform", OWNERS.keySet());

    assertThat(map.foreignWrites(OWNERS)).isEmpty();
    assertThat(map.foreignReads(OWNERS)).isEmpty();
    assertThat(map.accesses()).as("the scan finds the ledger's SQL").hasSizeGreaterThan(20);
  }

  @Test
  void documentsTheTableMapAsTheCodeHasIt() throws IOException {
    PlatformTables.assertDocumented(
        "airlock-platform",
        TableMap.scan(Path.of("src/main/java"), "io.airlock.platform", OWNERS.keySet())
            .render(OWNERS));
  }

  @Test
  void reportsAWritePlantedInAPackageThatDoesNotOwnTheTable(@TempDir Path sources)
      throws IOException {
    Path planted = sources.resolve("io/airlock/platform/jobs/Planted.java");
    Files.createDirectories(planted.getParent());
    Files.writeString(
        planted,
        """
        class Planted {
          // update outbound_batches in a comment is not SQL
          void run() {
            jdbc.sql(\"""
                update outbound_batches set state = 'ACKNOWLEDGED'
                where sequence = :sequence\""").update();
            jdbc.sql("select 1 from inbound_batches" + " where id = 1").query();
          }
        }
        """);

    TableMap map = TableMap.scan(sources, "io.airlock.platform", OWNERS.keySet());

    assertThat(map.foreignWrites(OWNERS))
        .containsExactly(
            "jobs.Planted writes outbound_batches, which transfer owns: call its API instead");
    assertThat(map.foreignReads(OWNERS))
        .containsExactly(
            "jobs.Planted reads inbound_batches, which transfer owns: ask its query methods instead");
    assertThat(map.accesses())
        .containsExactly(
            new TableMap.Access("outbound_batches", "jobs", "Planted", true),
            new TableMap.Access("inbound_batches", "jobs", "Planted", false));
  }

  @Test
  void reportsACopyPlantedInAPackageThatDoesNotOwnTheTable(@TempDir Path sources)
      throws IOException {
    Path planted = sources.resolve("io/airlock/platform/jobs/PlantedCopy.java");
    Files.createDirectories(planted.getParent());
    Files.writeString(
        planted,
        """
        class PlantedCopy {
          static final CopyIn<Row> COPY =
              CopyIn.into("inbound_watermarks", Row.class).column("channel", Row::channel);
        }
        """);

    TableMap map = TableMap.scan(sources, "io.airlock.platform", OWNERS.keySet());

    assertThat(map.foreignWrites(OWNERS))
        .containsExactly(
            "jobs.PlantedCopy writes inbound_watermarks, which transfer owns: call its API"
                + " instead");
  }

  @Test
  void hasNoCyclesBetweenItsPackages() {
    FeatureRules.featuresFreeOfCycles("io.airlock.platform")
        .check(FeatureRules.mainClassesOf("io.airlock.platform"));
  }

  @Test
  void reportsACyclePlantedBetweenTwoPackages() {
    assertThatThrownBy(
            () ->
                FeatureRules.featuresFreeOfCycles("io.airlock.platform.plantedcycle")
                    .check(
                        new ClassFileImporter().importPackages("io.airlock.platform.plantedcycle")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Cycle detected: feature left -> ")
        .hasMessageContaining("Dependencies of feature right")
        .hasMessageContaining(
            "Right.left()> calls constructor <io.airlock.platform.plantedcycle.left.Left");
  }

  @Test
  void scansOnlyTheTablesItIsGiven() {
    assertThat(TableMap.scan(Path.of("src/main/java"), "io.airlock.platform", Set.of()).accesses())
        .isEmpty();
  }
}
