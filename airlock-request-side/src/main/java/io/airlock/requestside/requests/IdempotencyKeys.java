package io.airlock.requestside.requests;

import io.airlock.platform.database.Columns;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The idempotency keys of submissions, per user: stored with the request they made (in its
 * transaction, see {@link Submissions}), found again for 24 hours, then forgotten.
 */
@Repository
class IdempotencyKeys {

  /** How long a key brings back its original answer. */
  static final Duration KEPT_FOR = Duration.ofHours(24);

  /** A key stored with the request it made. */
  record Stored(UUID ownerId, String key, String fingerprint, UUID requestId, Instant createdAt) {}

  /** A key held as under way on this instance until closed. */
  interface Hold extends AutoCloseable {
    @Override
    void close();
  }

  /** A user's key, for telling calls under way apart. */
  private record OwnerKey(UUID ownerId, String key) {}

  private final JdbcClient jdbc;
  // Keys whose first call is under way on this instance.
  private final Set<OwnerKey> underWay = ConcurrentHashMap.newKeySet();

  IdempotencyKeys(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Marks the user's key as under way here until the returned hold is closed; empty if a call with
   * it is under way already.
   */
  Optional<Hold> hold(UUID ownerId, String key) {
    OwnerKey held = new OwnerKey(ownerId, key);
    return underWay.add(held) ? Optional.of(() -> underWay.remove(held)) : Optional.empty();
  }

  /**
   * The user's key as stored less than {@link #KEPT_FOR} before {@code now}; a key stored before
   * that is deleted, so that it may be used afresh.
   */
  Optional<Stored> find(UUID ownerId, String key, Instant now) {
    return jdbc.sql(
            """
            with forgotten as (
                delete from idempotency_keys
                where owner_id = :owner and key = :key and created_at < :cutoff)
            select fingerprint, request_id, created_at from idempotency_keys
            where owner_id = :owner and key = :key and created_at >= :cutoff""")
        .param("owner", ownerId)
        .param("key", key)
        .param("cutoff", Timestamp.from(now.minus(KEPT_FOR)))
        .query(
            (rs, row) ->
                new Stored(
                    ownerId,
                    key,
                    rs.getString("fingerprint"),
                    rs.getObject("request_id", UUID.class),
                    rs.getTimestamp("created_at").toInstant()))
        .optional();
  }

  /** Stores the keys, with one statement; in the transaction that stores their requests. */
  void addAll(List<Stored> keys) {
    if (keys.isEmpty()) {
      return;
    }
    jdbc.sql(
            """
            insert into idempotency_keys (owner_id, key, fingerprint, request_id, created_at)
            select * from unnest(cast(:owners as uuid[]), cast(:keys as text[]),
                                 cast(:fingerprints as text[]), cast(:requests as uuid[]),
                                 cast(:createdAt as timestamptz[]))""")
        .param("owners", Columns.texts(keys, k -> k.ownerId().toString()))
        .param("keys", Columns.texts(keys, Stored::key))
        .param("fingerprints", Columns.texts(keys, Stored::fingerprint))
        .param("requests", Columns.texts(keys, k -> k.requestId().toString()))
        .param("createdAt", Columns.texts(keys, k -> k.createdAt().toString()))
        .update();
  }

  /** Deletes the keys stored {@link #KEPT_FOR} or longer before {@code now}; returns how many. */
  int forgetBefore(Instant now) {
    return jdbc.sql("delete from idempotency_keys where created_at < :cutoff")
        .param("cutoff", Timestamp.from(now.minus(KEPT_FOR)))
        .update();
  }
}
