package io.airlock.responseside.inbound;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Cancels that arrived before their request (DESIGN §2 "Order and convergence"). */
@Repository
class RequestTombstones {

  /** A cancel waiting for its request. */
  record Tombstone(UUID cancelId, UUID userId) {}

  private final JdbcClient jdbc;

  RequestTombstones(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Leaves a tombstone; false if the request has one already (the first cancel stands). */
  boolean add(UUID requestId, UUID cancelId, UUID userId, Instant requestedAt) {
    return jdbc.sql(
                """
                insert into request_tombstones (request_id, cancel_id, user_id, requested_at)
                values (:requestId, :cancelId, :userId, :requestedAt)
                on conflict (request_id) do nothing""")
            .param("requestId", requestId)
            .param("cancelId", cancelId)
            .param("userId", userId)
            .param("requestedAt", Timestamp.from(requestedAt))
            .update()
        == 1;
  }

  /** Removes the tombstones of the requests and returns them, by request id. */
  Map<UUID, Tombstone> takeAll(Collection<UUID> requestIds) {
    Map<UUID, Tombstone> taken = new HashMap<>();
    jdbc.sql(
            """
            delete from request_tombstones where request_id = any(:ids)
            returning request_id, cancel_id, user_id""")
        .param("ids", requestIds.toArray(UUID[]::new))
        .query(
            rs -> {
              taken.put(
                  rs.getObject("request_id", UUID.class),
                  new Tombstone(
                      rs.getObject("cancel_id", UUID.class), rs.getObject("user_id", UUID.class)));
            });
    return taken;
  }
}
