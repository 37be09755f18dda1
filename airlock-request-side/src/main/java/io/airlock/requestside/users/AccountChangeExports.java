package io.airlock.requestside.users;

import io.airlock.platform.transfer.Publication;
import io.airlock.transfer.records.AccountChangeRecord;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The users' own account changes waiting to cross on the requests channel: taken by a batch ({@code
 * export_sequence}) in its allocation transaction, and exported once that batch is published. The
 * exporter drives it, telling which batches are published.
 */
@Repository
public class AccountChangeExports {

  private final JdbcClient jdbc;

  AccountChangeExports(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Whether a change waited longer than {@code linger}, or a batch took some not marked yet. */
  public boolean due(Duration linger) {
    return jdbc.sql(
            """
            select exists (select 1 from account_changes
                           where exported_at is null and export_sequence is null
                             and created_at <= now() - :lingerMs * interval '1 millisecond')
                or exists (select 1 from account_changes
                           where exported_at is null and export_sequence is not null)""")
        .param("lingerMs", linger.toMillis())
        .query(Boolean.class)
        .single();
  }

  /** Up to {@code limit} changes no batch took, oldest first. */
  public List<AccountChangeRecord> unclaimed(int limit) {
    return jdbc.sql(
            """
            select id, user_id, display_name, email, password_hash, created_at
            from account_changes
            where exported_at is null and export_sequence is null
            order by created_at, id
            limit :limit""")
        .param("limit", limit)
        .query(
            (rs, row) ->
                new AccountChangeRecord(
                    rs.getString("id"),
                    rs.getString("user_id"),
                    rs.getString("display_name"),
                    rs.getString("email"),
                    rs.getString("password_hash"),
                    rs.getTimestamp("created_at").toInstant()))
        .list();
  }

  /**
   * Marks the changes as taken by batch {@code sequence}; runs in its allocation transaction.
   *
   * @throws IllegalStateException when another batch took one of them first (another instance),
   *     which rolls the allocation back so no change is ever in two batches
   */
  public void claim(long sequence, List<UUID> changes) {
    if (changes.isEmpty()) {
      return;
    }
    int taken =
        jdbc.sql(
                """
                update account_changes set export_sequence = :sequence
                where id in (:ids) and export_sequence is null and exported_at is null""")
            .param("sequence", sequence)
            .param("ids", changes)
            .update();
    if (taken != changes.size()) {
      throw new IllegalStateException(
          (changes.size() - taken) + " record(s) of account_changes changed while being exported");
    }
  }

  /** The batches that took changes not yet marked exported. */
  public List<Long> awaitingPublication() {
    return jdbc.sql(
            """
            select distinct export_sequence from account_changes
            where exported_at is null and export_sequence is not null""")
        .query(Long.class)
        .list();
  }

  /** Marks exported the changes of every published batch among {@code publications}. */
  public void markExported(Map<Long, Publication> publications) {
    for (Map.Entry<Long, Publication> batch : publications.entrySet()) {
      jdbc.sql(
              """
              update account_changes set exported_at = :publishedAt
              where exported_at is null and export_sequence = :sequence""")
          .param("publishedAt", Timestamp.from(batch.getValue().publishedAt()))
          .param("sequence", batch.getKey())
          .update();
    }
  }
}
