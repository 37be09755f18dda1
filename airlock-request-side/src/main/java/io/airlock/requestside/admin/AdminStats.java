package io.airlock.requestside.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.airlock.requestside.requests.RequestListing;
import io.airlock.requestside.requests.RequestStatus;
import io.airlock.requestside.users.UserListing;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Figures about this side's use: requests by status, users, how requests end, who asks most. */
@Component
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

  private final RequestListing requests;
  private final UserListing users;

  AdminStats(RequestListing requests, UserListing users) {
    this.requests = requests;
    this.users = users;
  }

  Stats stats(int top) {
    Map<String, Long> byStatus = new LinkedHashMap<>();
    requests.countByStatus().forEach((status, n) -> byStatus.put(status.wireName(), n));
    long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
    long completed = byStatus.get(RequestStatus.COMPLETED.wireName());
    long failed =
        byStatus.get(RequestStatus.FAILED.wireName())
            + byStatus.get(RequestStatus.EXPIRED.wireName());
    long ended = completed + failed;
    UserListing.Counts userCounts = users.counts();
    List<RequestListing.Requester> requesters = requests.topRequesters(top);
    Map<UUID, String> usernames =
        users.usernames(requesters.stream().map(RequestListing.Requester::userId).toList());
    List<TopUser> topUsers =
        requesters.stream()
            .map(r -> new TopUser(r.userId(), usernames.get(r.userId()), r.requests()))
            .sorted(
                Comparator.comparingLong(TopUser::requests)
                    .reversed()
                    .thenComparing(
                        TopUser::username, Comparator.nullsLast(Comparator.naturalOrder())))
            .toList();
    return new Stats(
        total,
        byStatus,
        userCounts.total(),
        userCounts.active(),
        ended == 0 ? 0 : (double) completed / ended,
        ended == 0 ? 0 : (double) failed / ended,
        topUsers);
  }
}
