package io.airlock.requestside;

import io.airlock.platform.testing.SideArchitecture;
import java.nio.file.Path;
import java.util.Map;

/** The request side's tables and their owners (docs/architecture.md); the checks are shared. */
class ArchitectureTests extends SideArchitecture {

  @Override
  protected String basePackage() {
    return "io.airlock.requestside";
  }

  @Override
  protected String module() {
    return "airlock-request-side";
  }

  @Override
  protected Path migrations() {
    return Path.of("src/main/resources/db/migration/request-side");
  }

  @Override
  protected Map<String, String> ownTables() {
    return Map.ofEntries(
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
        Map.entry("idempotency_keys", "requests"),
        Map.entry("rate_counts", "ratelimit"),
        Map.entry("quota_grace", "ratelimit"),
        Map.entry("maintenance_mode", "maintenance"),
        Map.entry("notification_preferences", "notifications"),
        Map.entry("notification_deliveries", "notifications"),
        Map.entry("directory_snapshots", "inbound"),
        Map.entry("directory_snapshot_parts", "inbound"),
        Map.entry("directory_snapshot_users", "inbound"));
  }
}
