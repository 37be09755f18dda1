package io.airlock.requestside;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.platform.testing.FeatureRules;
import io.airlock.platform.testing.PlatformTables;
import io.airlock.platform.testing.TableMap;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every table of the request side has one owning feature package, which alone writes it; the table
 * map in docs/architecture.md is the one found in the code; and the feature packages have no
 * cycles. (The checks' own failures are shown on planted violations in the platform's
 * ArchitectureTests.)
 */
class ArchitectureTests {

  static final String BASE = "io.airlock.requestside";

  /** Every table this side's code can touch, and its owner. */
  static final Map<String, String> OWNERS = new TreeMap<>();

  static {
    OWNERS.putAll(
        Map.ofEntries(
            Map.entry("users", "users"),
            Map.entry("profile_types", "users"),
            Map.entry("settings", "users"),
            Map.entry("account_changes", "users"),
            Map.entry("refresh_tokens", "auth"),
            Map.entry("api_keys", "apikeys"),
            Map.entry("audit_logs", "audit"),
            Map.entry("requests", "requests"),
            Map.entry("responses", "requests"),
            Map.entry("request_cancellations", "requests"),
            Map.entry("quota_buckets", "ratelimit"),
            Map.entry("quota_grace", "ratelimit"),
            Map.entry("directory_snapshots", "inbound"),
            Map.entry("directory_snapshot_parts", "inbound"),
            Map.entry("directory_snapshot_users", "inbound")));
    TableMap.tablesCreatedIn(PlatformTables.MIGRATIONS)
        .forEach(table -> OWNERS.put(table, PlatformTables.owner(table)));
  }

  @Test
  void givesEveryTableOfTheMigrationsAnOwner() {
    TreeSet<String> created =
        new TreeSet<>(
            TableMap.tablesCreatedIn(Path.of("src/main/resources/db/migration/request-side")));
    created.addAll(TableMap.tablesCreatedIn(PlatformTables.MIGRATIONS));

    assertThat(OWNERS.keySet()).isEqualTo(created);
  }

  @Test
  void letsOnlyTheOwnerOfATableWriteIt() {
    assertThat(scan().foreignWrites(OWNERS)).isEmpty();
  }

  @Test
  void letsOtherFeaturesReadATableOnlyThroughItsOwner() {
    assertThat(scan().foreignReads(OWNERS)).isEmpty();
  }

  @Test
  void documentsTheTableMapAsTheCodeHasIt() throws IOException {
    PlatformTables.assertDocumented("airlock-request-side", scan().render(OWNERS));
  }

  @Test
  void hasNoCyclesBetweenItsFeatures() {
    FeatureRules.featuresFreeOfCycles(BASE).check(FeatureRules.mainClassesOf(BASE));
  }

  private static TableMap scan() {
    return TableMap.scan(Path.of("src/main/java"), BASE, OWNERS.keySet());
  }
}
