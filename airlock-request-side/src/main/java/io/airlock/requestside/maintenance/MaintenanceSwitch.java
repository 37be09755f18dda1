package io.airlock.requestside.maintenance;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** This side's own maintenance mode, one row in the database that all instances share. */
@Repository
class MaintenanceSwitch {

  record Local(String message, String changedBy, Instant changedAt) {}

  private final JdbcClient jdbc;

  MaintenanceSwitch(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Local> current() {
    return jdbc.sql("select message, changed_by, changed_at from maintenance_mode")
        .query(
            (rs, n) ->
                new Local(
                    rs.getString("message"),
                    rs.getString("changed_by"),
                    rs.getTimestamp("changed_at").toInstant()))
        .optional();
  }

  void on(String message, String actor) {
    jdbc.sql(
            """
            insert into maintenance_mode (message, changed_by) values (:message, :actor)
            on conflict (id) do update set
                message = excluded.message, changed_by = excluded.changed_by, changed_at = now()""")
        .param("message", message)
        .param("actor", actor)
        .update();
  }

  /** Returns whether it was on. */
  boolean off() {
    return jdbc.sql("delete from maintenance_mode").update() > 0;
  }
}
