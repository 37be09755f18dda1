package io.airlock.responseside.directory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class Settings {

  private final JdbcClient jdbc;

  Settings(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<Setting> all() {
    return jdbc.sql("select key, value, version, updated_at from settings order by key")
        .query(Settings::setting)
        .list();
  }

  Optional<String> value(String key) {
    return jdbc.sql("select value from settings where key = :key")
        .param("key", key)
        .query(String.class)
        .optional();
  }

  List<Setting> changedSince(long version) {
    return jdbc.sql(
            """
            select key, value, version, updated_at from settings
             where version > :version order by version
            """)
        .param("version", version)
        .query(Settings::setting)
        .list();
  }

  long highestVersion() {
    return jdbc.sql("select coalesce(max(version), 0) from settings").query(Long.class).single();
  }

  Setting put(String key, String value, long version) {
    return jdbc.sql(
            """
            insert into settings (key, value, version) values (:key, :value, :version)
            on conflict (key) do update
               set value = excluded.value, version = excluded.version, updated_at = now()
            returning key, value, version, updated_at
            """)
        .param("key", key)
        .param("value", value)
        .param("version", version)
        .query(Settings::setting)
        .single();
  }

  private static Setting setting(ResultSet rs, int row) throws SQLException {
    return new Setting(
        rs.getString("key"),
        rs.getString("value"),
        rs.getLong("version"),
        rs.getTimestamp("updated_at").toInstant());
  }
}
