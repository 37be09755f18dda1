package io.airlock.requestside.users;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A user's own changes, pending until the directory echoes them; the exporter forwards each as an
 * {@code AccountChangeRecord}. Unchanged fields are null, as in that record.
 */
@Repository
class AccountChanges {

  private final JdbcClient jdbc;

  AccountChanges(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  UUID record(UUID userId, String displayName, String email, String passwordHash) {
    UUID id = UUID.randomUUID();
    jdbc.sql(
            """
            insert into account_changes (id, user_id, display_name, email, password_hash)
            values (:id, :userId, :displayName, :email, :passwordHash)
            """)
        .param("id", id)
        .param("userId", userId)
        .param("displayName", displayName)
        .param("email", email)
        .param("passwordHash", passwordHash)
        .update();
    return id;
  }
}
