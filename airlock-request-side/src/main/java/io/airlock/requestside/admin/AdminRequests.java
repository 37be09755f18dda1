package io.airlock.requestside.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.airlock.requestside.requests.Paging;
import io.airlock.requestside.requests.Stages;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every user's requests, newest first. */
@Repository
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

  private static final String WHERE =
      """
       where (cast(:status as text) is null or q.status = :status)
         and (cast(:userId as uuid) is null or q.owner_id = :userId)
         and (cast(:index as text) is null or q.index_name = :index)
         and (cast(:from as timestamptz) is null or q.submitted_at >= :from)
         and (cast(:to as timestamptz) is null or q.submitted_at < :to)
      """;

  private final JdbcClient jdbc;

  AdminRequests(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<RequestRow> page(Filter filter, Paging paging) {
    return bind(
            jdbc.sql(
                """
                select q.*, q.query_params::text as params, u.username,
                       exists (select 1 from responses r where r.request_id = q.id) as has_response
                from requests q join users u on u.id = q.owner_id"""
                    + WHERE
                    + " order by q.submitted_at desc, q.id desc limit :limit offset :offset"),
            filter)
        .param("limit", paging.size())
        .param("offset", paging.offset())
        .query(
            (rs, n) ->
                new RequestRow(
                    rs.getObject("id", UUID.class),
                    rs.getObject("owner_id", UUID.class),
                    rs.getString("username"),
                    rs.getString("index_name"),
                    rs.getString("query_type"),
                    rs.getString("params"),
                    rs.getInt("priority"),
                    rs.getString("status"),
                    rs.getString("status_reason"),
                    Filters.instant(rs.getTimestamp("deadline")),
                    rs.getString("trace_id"),
                    Stages.of(rs),
                    rs.getBoolean("has_response")))
        .list();
  }

  long count(Filter filter) {
    return bind(jdbc.sql("select count(*) from requests q" + WHERE), filter)
        .query(Long.class)
        .single();
  }

  private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec sql, Filter filter) {
    return sql.param("status", filter.status())
        .param("userId", filter.userId())
        .param("index", filter.index())
        .param("from", Filters.timestamp(filter.submittedFrom()))
        .param("to", Filters.timestamp(filter.submittedTo()));
  }
}
