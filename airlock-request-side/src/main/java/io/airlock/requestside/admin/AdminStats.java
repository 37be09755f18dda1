package io.airlock.requestside.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.airlock.requestside.requests.RequestStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Figures about this side's use: requests by status, users, how requests end, who asks most. */
@Repository
class AdminStats {

  /**
   * @param byStatus every status, with zero for those no request has
   * @param successRate completed requests among those that ended with an answer (completed, failed,
   *     expired); cancelled ones are the user's choice, not an outcome. 0 when none ended.
   * @param failureRate failed and expired among the same
   */
  record Stats(
      @JsonProperty("total_requests") long totalRequests,
      @JsonProperty("by_status") Map<String, Long> byStatus,
      @JsonProperty("total_users") long totalUsers,
      @JsonProperty("active_users") long activeUsers,
      @JsonProperty("success_rate") double successRate,
      @JsonProperty("failure_rate") double failureRate,
      @JsonProperty("top_users") List<TopUser> topUsers) {}

  record TopUser(@JsonProperty("user_id") UUID userId, String username, long requests) {}

  private final JdbcClient jdbc;

  AdminStats(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Stats stats(int top) {
    Map<String, Long> byStatus = new LinkedHashMap<>();
    for (RequestStatus status : RequestStatus.values()) {
      byStatus.put(status.wireName(), 0L);
    }
    jdbc.sql("select status, count(*) as n from requests group by status")
        .query((RowCallbackHandler) rs -> byStatus.put(rs.getString("status"), rs.getLong("n")));
    long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
    long completed = byStatus.get(RequestStatus.COMPLETED.wireName());
    long failed =
        byStatus.get(RequestStatus.FAILED.wireName())
            + byStatus.get(RequestStatus.EXPIRED.wireName());
    long ended = completed + failed;
    Map<String, Object> users =
        jdbc.sql("select count(*) as total, count(*) filter (where active) as active from users")
            .query()
            .singleRow();
    List<TopUser> topUsers =
        jdbc.sql(
                """
                select u.id, u.username, count(*) as n
                from requests q join users u on u.id = q.owner_id
                group by u.id, u.username order by n desc, u.username limit :top""")
            .param("top", top)
            .query(
                (rs, n) ->
                    new TopUser(
                        rs.getObject("id", UUID.class), rs.getString("username"), rs.getLong("n")))
            .list();
    return new Stats(
        total,
        byStatus,
        ((Number) users.get("total")).longValue(),
        ((Number) users.get("active")).longValue(),
        ended == 0 ? 0 : (double) completed / ended,
        ended == 0 ? 0 : (double) failed / ended,
        topUsers);
  }
}
