package io.airlock.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The architecture every side keeps (docs/architecture.md): every table of its migrations and the
 * platform's has one owning feature package, which alone writes it and through which alone others
 * read it; the table map in docs/architecture.md is the one found in the code; and the feature
 * packages have no cycles. A side's {@code ArchitectureTests} extends this with its own owners.
 * (The checks' own failures are shown on planted violations in the platform's ArchitectureTests.)
 */
public abstract class SideArchitecture {

  /** The side's base package, e.g. {@code io.airlock.requestside}. */
  protected abstract String basePackage();

  /** The side's module, e.g. {@code airlock-request-side}, as docs/architecture.md names it. */
  protected abstract String module();

  /** Where the side's own migrations are, from its module's directory. */
  protected abstract Path migrations();

  /** Every table of the side's own migrations, and its owning feature package. */
  protected abstract Map<String, String> ownTables();

  /** The side's tables and the platform's, with their owners. */
  private Map<String, String> owners() {
    Map<String, String> owners = new TreeMap<>(ownTables());
    TableMap.tablesCreatedIn(PlatformTables.MIGRATIONS)
        .forEach(table -> owners.put(table, PlatformTables.owner(table)));
    return owners;
  }

  @Test
  void givesEveryTableOfTheMigrationsAnOwner() {
    TreeSet<String> created = new TreeSet<>(TableMap.tablesCreatedIn(migrations()));
    created.addAll(TableMap.tablesCreatedIn(PlatformTables.MIGRATIONS));

    assertThat(owners().keySet()).isEqualTo(created);
  }

  @Test
  void letsOnlyTheOwnerOfATableWriteIt() {
    assertThat(scan().foreignWrites(owners())).isEmpty();
  }

  @Test
  void letsOtherFeaturesReadATableOnlyThroughItsOwner() {
    assertThat(scan().foreignReads(owners())).isEmpty();
  }

  @Test
  void documentsTheTableMapAsTheCodeHasIt() throws IOException {
    PlatformTables.assertDocumented(module(), scan().render(owners()));
  }

  @Test
  void hasNoCyclesBetweenItsFeatures() {
    FeatureRules.featuresFreeOfCycles(basePackage())
        .check(FeatureRules.mainClassesOf(basePackage()));
  }

  private TableMap scan() {
    return TableMap.scan(Path.of("src/main/java"), basePackage(), owners().keySet());
  }
}
