package io.airlock.requestside.requests;

import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request as Elasticsearch's async search API shows a search ({@link ElasticsearchController}):
 * running while it waits for its answer, done with the engine's response once the answer has
 * crossed back ({@code took} then being Airlock's round trip), failed with an error in
 * Elasticsearch's shape and the status the failure maps to.
 */
final class AsyncSearchView {

  private final StoredRequest request;
  private final Responses.Stored answer;

  /**
   * @param answer the request's answer, if it has completed; null otherwise
   */
  AsyncSearchView(StoredRequest request, Responses.Stored answer) {
    this.request = request;
    this.answer = answer;
  }

  boolean running() {
    return !RequestStatus.ended(request.status());
  }

  boolean failed() {
    return !running() && answer == null;
  }

  /**
   * The HTTP status of the search: 200 while running or once completed; for a failure, the status
   * its reason maps to.
   */
  int completionStatus() {
    return failed() ? ElasticsearchErrors.statusOf(request.statusReason()) : 200;
  }

  /** The async search document: GET and POST answer it. */
  ObjectNode document(boolean typedKeys) {
    ObjectNode document = header();
    if (answer != null) {
      document.put("completion_time_in_millis", millis(request.stages().resultReceived()));
      document.set("response", response(typedKeys));
    } else {
      document.set("response", partial());
    }
    if (failed()) {
      ObjectNode error =
          ElasticsearchErrors.error("search_phase_execution_exception", request.statusReason());
      document.set("error", error.get("error"));
      document.put("status", completionStatus());
    }
    return document;
  }

  /** The status document: {@code GET _async_search/status/{id}}. */
  ObjectNode status() {
    ObjectNode status = header();
    status.set("_shards", shards(running() || failed() ? 0 : 1, failed() ? 1 : 0));
    if (!running()) {
      status.put("completion_status", completionStatus());
      if (request.stages().resultReceived() != null) {
        status.put("completion_time_in_millis", millis(request.stages().resultReceived()));
      }
    }
    return status;
  }

  private ObjectNode header() {
    ObjectNode document = JsonMapper.shared().createObjectNode();
    document.put("id", request.id().toString());
    document.put("is_partial", running() || failed());
    document.put("is_running", running());
    document.put("start_time_in_millis", millis(request.stages().submitted()));
    document.put("expiration_time_in_millis", millis(request.deadline()));
    return document;
  }

  private JsonNode response(boolean typedKeys) {
    ObjectNode response = (ObjectNode) JsonMapper.shared().readTree(answer.result());
    // What the caller waited, not the engine's share of it.
    Instant submitted = request.stages().submitted();
    Instant received = request.stages().resultReceived();
    if (submitted != null && received != null) {
      // In the same milliseconds as start_time_in_millis and completion_time_in_millis.
      response.put("took", Math.max(0, millis(received) - millis(submitted)));
    }
    if (typedKeys) {
      TypedKeys.apply(requestedAggregations(), response);
    }
    return response;
  }

  /** As stored: under {@code aggs}, whichever name the client gave them. */
  private JsonNode requestedAggregations() {
    return JsonMapper.shared().readTree(request.queryParams()).path("aggs");
  }

  /** What Elasticsearch shows of a search with nothing gathered yet. */
  private static ObjectNode partial() {
    ObjectNode response = JsonMapper.shared().createObjectNode();
    response.put("took", 0);
    response.put("timed_out", false);
    response.put("num_reduce_phases", 0);
    response.set("_shards", shards(0, 0));
    ObjectNode hits = response.putObject("hits");
    hits.putObject("total").put("value", 0).put("relation", "gte");
    hits.putNull("max_score");
    hits.putArray("hits");
    return response;
  }

  private static ObjectNode shards(int successful, int failed) {
    ObjectNode shards = JsonMapper.shared().createObjectNode();
    shards.put("total", 1);
    shards.put("successful", successful);
    shards.put("skipped", 0);
    shards.put("failed", failed);
    return shards;
  }

  private static long millis(Instant instant) {
    return instant == null ? 0 : instant.toEpochMilli();
  }
}
