package io.airlock.requestside.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.airlock.requestside.requests.Paging;
import io.airlock.requestside.requests.RequestListing;
import io.airlock.requestside.requests.Stages;
import io.airlock.requestside.users.UserListing;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Every user's requests, newest first, with their owners' usernames. */
@Component
class AdminRequests {

  /** Which requests to list; null means any. Submitted from is inclusive, to exclusive. */
  record Filter(
      String status, UUID userId, String index, Instant submittedFrom, Instant submittedTo) {}

  record RequestRow(
      UUID id,
      @JsonProperty("owner_id") UUID ownerId,
      @JsonProperty("owner_username") String ownerUsername,
      String index,
      @JsonProperty("query_type") String queryType,
      @JsonProperty("query_params") @JsonRawValue String queryParams,
      int priority,
      String status,
      @JsonProperty("status_reason") String statusReason,
      Instant deadline,
      @JsonProperty("trace_id") String traceId,
      Stages stages,
      @JsonProperty("has_response") boolean hasResponse) {}

  private final RequestListing requests;
  private final UserListing users;

  AdminRequests(RequestListing requests, UserListing users) {
    this.requests = requests;
    this.users = users;
  }

  List<RequestRow> page(Filter filter, RequestListing.Order order, Paging paging) {
    List<RequestListing.Row> rows =
        requests.page(listing(filter), order, paging.size(), paging.offset());
    Map<UUID, String> usernames =
        users.usernames(rows.stream().map(RequestListing.Row::ownerId).collect(Collectors.toSet()));
    return rows.stream().map(row -> row(row, usernames.get(row.ownerId()))).toList();
  }

  /** Any user's request, by its id. */
  Optional<RequestRow> one(UUID id) {
    return requests
        .byId(id)
        .map(row -> row(row, users.usernames(Set.of(row.ownerId())).get(row.ownerId())));
  }

  private static RequestRow row(RequestListing.Row row, String ownerUsername) {
    return new RequestRow(
        row.id(),
        row.ownerId(),
        ownerUsername,
        row.index(),
        row.queryType(),
        row.queryParams(),
        row.priority(),
        row.status(),
        row.statusReason(),
        row.deadline(),
        row.traceId(),
        row.stages(),
        row.hasResponse());
  }

  long count(Filter filter) {
    return requests.count(listing(filter));
  }

  private static RequestListing.Filter listing(Filter filter) {
    return new RequestListing.Filter(
        filter.status(),
        filter.userId(),
        filter.index(),
        filter.submittedFrom(),
        filter.submittedTo());
  }
}
