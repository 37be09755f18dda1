package io.airlock.requestside.users;

import java.time.Instant;
import java.util.List;
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

  /**
   * A change not yet echoed by the directory.
   *
   * @param kind {@code profile} or {@code password}
   * @param exportedAt when it left for the response side, or null while it waits here
   */
  record Pending(UUID id, String kind, Instant createdAt, Instant exportedAt) {}

  /** The user's changes still waiting for the high side, oldest first. */
  List<Pending> pendingOf(UUID userId) {
    return jdbc.sql(
            """
            select id, case when password_hash is null then 'profile' else 'password' end as kind,
                created_at, exported_at
            from account_changes where user_id = :userId and echoed_at is null
            order by created_at
            """)
        .param("userId", userId)
        .query(
            (rs, row) ->
                new Pending(
                    rs.getObject("id", UUID.class),
                    rs.getString("kind"),
                    rs.getTimestamp("created_at").toInstant(),
                    rs.getTimestamp("exported_at") == null
                        ? null
                        : rs.getTimestamp("exported_at").toInstant()))
        .list();
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
