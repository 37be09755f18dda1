package io.airlock.responseside;

import io.airlock.platform.testing.SideArchitecture;
import java.nio.file.Path;
import java.util.Map;

/** The response side's tables and their owners (docs/architecture.md); the checks are shared. */
class ArchitectureTests extends SideArchitecture {

  @Override
  protected String basePackage() {
    return "io.airlock.responseside";
  }

  @Override
  protected String module() {
    return "airlock-response-side";
  }

  @Override
  protected Path migrations() {
    return Path.of("src/main/resources/db/migration/response-side");
  }

  @Override
  protected Map<String, String> ownTables() {
    return Map.ofEntries(
        Map.entry("users", "directory"),
        Map.entry("profile_types", "directory"),
        Map.entry("settings", "directory"),
        Map.entry("api_keys", "security"),
        Map.entry("system_logs", "monitoring"),
        Map.entry("audit_logs", "audit"),
        Map.entry("incoming_requests", "queue"),
        Map.entry("request_tombstones", "inbound"),
        Map.entry("query_results", "results"),
        Map.entry("oversized_results", "results"),
        Map.entry("query_cache", "cache"),
        Map.entry("directory_export", "outbound"),
        Map.entry("directory_snapshots", "outbound"));
  }
}
