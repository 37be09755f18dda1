package io.airlock.requestside.responses;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.airlock.platform.web.InvalidField;
import io.airlock.requestside.requests.Paging;
import io.airlock.requestside.requests.RequestEvents;
import io.airlock.requestside.requests.RequestNotFound;
import io.airlock.requestside.requests.Responses;
import io.airlock.requestside.requests.Stages;
import io.airlock.requestside.users.Caller;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
class ResponseController {

  /** The longest a caller may ask {@code GET /requests/{id}/response} to wait. */
  static final Duration LONGEST_WAIT = Duration.ofSeconds(60);

  private final Responses responses;
  private final ResponseBodies bodies;
  private final ResultDownloads downloads;
  private final StoredResponses lookup;
  private final RequestEvents events;
  private final JsonMapper json;

  ResponseController(
      Responses responses,
      ResponseBodies bodies,
      ResultDownloads downloads,
      StoredResponses lookup,
      RequestEvents events,
      JsonMapper json) {
    this.responses = responses;
    this.bodies = bodies;
    this.downloads = downloads;
    this.lookup = lookup;
    this.events = events;
    this.json = json;
  }

  record ResponseView(
      @JsonProperty("request_id") UUID requestId,
      String index,
      @JsonProperty("query_type") String queryType,
      JsonNode result,
      @JsonProperty("execution_ms") long executionMs,
      @JsonProperty("cache_hit") boolean cacheHit,
      @JsonProperty("result_sha256") String resultSha256,
      Stages stages) {}

  record ResponseSummary(
      @JsonProperty("request_id") UUID requestId,
      String index,
      @JsonProperty("query_type") String queryType,
      @JsonProperty("execution_ms") long executionMs,
      @JsonProperty("cache_hit") boolean cacheHit,
      @JsonProperty("result_sha256") String resultSha256,
      @JsonProperty("received_at") Instant receivedAt,
      @JsonProperty("response_url") String responseUrl) {}

  record ResponsePage(List<ResponseSummary> items, int page, int size, long total) {}

  /**
   * The result of a request. Responses never change once imported, so the result's checksum is its
   * ETag (weak, for the gzipped bytes differ) and the serialised body can be cached for as long as
   * memory allows.
   */
  @Operation(
      summary = "The result",
      description =
          "JSON by default. A search's hits come as CSV (one hit a row, _source flattened to"
              + " dotted names) for Accept: text/csv, and as NDJSON (one hit a line) for Accept:"
              + " application/x-ndjson; a result without hits answers those with 406.")
  @GetMapping("/requests/{id}/response")
  ResponseEntity<byte[]> response(
      @AuthenticationPrincipal Caller caller,
      @PathVariable UUID id,
      @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
      @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
    // Asked for by name only: a client accepting anything (*/*) gets the JSON.
    if (accept != null && accept.contains(ResultDownloads.Format.CSV.mediaType())) {
      return downloads.file(
          id, json.readTree(lookup.of(caller, id).result()), ResultDownloads.Format.CSV);
    }
    if (accept != null && accept.contains(ResultDownloads.Format.NDJSON.mediaType())) {
      return downloads.file(
          id, json.readTree(lookup.of(caller, id).result()), ResultDownloads.Format.NDJSON);
    }
    return answer(caller, id, ifNoneMatch);
  }

  /**
   * A long poll: the result as soon as it arrives, or after {@code wait} (at most 60 s) what the
   * call without it answers then ({@code 404} while no response has come).
   */
  @Operation(
      summary = "The result, waiting up to wait for it",
      description =
          "wait: how long to wait for the response to arrive (e.g. 30s, at most 60s). Answers as"
              + " soon as the request ends, on whichever instance its answer is imported; when the"
              + " wait is over, answers as without it.")
  @GetMapping(path = "/requests/{id}/response", params = "wait")
  DeferredResult<ResponseEntity<byte[]>> responseWhenReady(
      @AuthenticationPrincipal Caller caller,
      @PathVariable UUID id,
      @RequestParam String wait,
      @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
    Duration patience = patience(wait);
    DeferredResult<ResponseEntity<byte[]>> result = new DeferredResult<>(patience.toMillis() + 1);
    Runnable answer =
        () -> {
          try {
            result.setResult(answer(caller, id, ifNoneMatch));
          } catch (RuntimeException refused) {
            result.setErrorResult(refused);
          }
        };
    if (responses.checksum(caller.id(), id).isPresent()) {
      answer.run();
      return result;
    }
    // Not theirs, or unknown: 404 at once, as without waiting.
    responses.requestStatus(caller.id(), id).orElseThrow(() -> new RequestNotFound(id));
    // Off the events thread, which all of this instance's streams share: a result can be large.
    AutoCloseable waiting = events.whenEnded(id, () -> CompletableFuture.runAsync(answer));
    result.onTimeout(answer);
    result.onCompletion(
        () -> {
          try {
            waiting.close();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    return result;
  }

  private static Duration patience(String wait) {
    Duration patience;
    try {
      patience =
          wait.chars().allMatch(Character::isDigit)
              ? Duration.ofSeconds(Long.parseLong(wait))
              : DurationStyle.detectAndParse(wait);
    } catch (IllegalArgumentException e) {
      throw new InvalidField("wait", "must be a duration such as 30s");
    }
    if (patience.isNegative() || patience.compareTo(LONGEST_WAIT) > 0) {
      throw new InvalidField("wait", "must be from 0s to 60s");
    }
    return patience;
  }

  private ResponseEntity<byte[]> answer(Caller caller, UUID id, String ifNoneMatch) {
    String checksum =
        responses.checksum(caller.id(), id).orElseThrow(() -> lookup.refusal(caller, id));
    // Weak: the bytes on the wire differ when the answer is gzipped (Tomcat compresses no
    // response with a strong tag), while the result they carry, the checksum, is the same.
    String etag = "W/\"" + checksum + "\"";
    // Private: the body belongs to one user; no-cache: revalidate with the ETag before reuse.
    CacheControl cacheControl = CacheControl.noCache().cachePrivate();
    if (matches(ifNoneMatch, etag)) {
      return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
          .eTag(etag)
          .cacheControl(cacheControl)
          .build();
    }
    byte[] body = bodies.get(id, () -> serialise(caller, id));
    return ResponseEntity.ok()
        .eTag(etag)
        .cacheControl(cacheControl)
        // The same URL gives CSV or NDJSON for another Accept.
        .varyBy(HttpHeaders.ACCEPT)
        .contentType(MediaType.APPLICATION_JSON)
        .body(body);
  }

  @GetMapping("/responses")
  ResponsePage list(
      @AuthenticationPrincipal Caller caller,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size) {
    Paging paging = Paging.of(page, size);
    List<ResponseSummary> items =
        responses.page(caller.id(), paging.size(), paging.offset()).stream()
            .map(
                listed ->
                    new ResponseSummary(
                        listed.requestId(),
                        listed.index(),
                        listed.queryType(),
                        listed.executionMs(),
                        listed.cacheHit(),
                        listed.resultSha256(),
                        listed.receivedAt(),
                        "/requests/" + listed.requestId() + "/response"))
            .toList();
    return new ResponsePage(items, paging.page(), paging.size(), responses.count(caller.id()));
  }

  private byte[] serialise(Caller caller, UUID id) {
    Responses.Stored stored =
        responses.load(caller.id(), id).orElseThrow(() -> new RequestNotFound(id));
    return json.writeValueAsBytes(
        new ResponseView(
            stored.requestId(),
            stored.index(),
            stored.queryType(),
            json.readTree(stored.result()),
            stored.executionMs(),
            stored.cacheHit(),
            stored.resultSha256(),
            stored.stages()));
  }

  // RFC 9110 §13.1.2: a list of entity tags or *, compared weakly (W/ prefixes ignored).
  private static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = opaque(candidate.trim());
      if (tag.equals("*") || tag.equals(opaque(etag))) {
        return true;
      }
    }
    return false;
  }

  private static String opaque(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }
}
