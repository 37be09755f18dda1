package io.airlock.requestside.responses;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.airlock.requestside.requests.Paging;
import io.airlock.requestside.requests.RequestNotFound;
import io.airlock.requestside.requests.Responses;
import io.airlock.requestside.requests.Stages;
import io.airlock.requestside.users.Caller;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
class ResponseController {

  private final Responses responses;
  private final ResponseBodies bodies;
  private final JsonMapper json;

  ResponseController(Responses responses, ResponseBodies bodies, JsonMapper json) {
    this.responses = responses;
    this.bodies = bodies;
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

  static class ResponseNotYet extends ErrorResponseException {
    ResponseNotYet(UUID id, String status) {
      super(HttpStatus.NOT_FOUND, problem(id, status), null);
    }

    // A failed, expired or cancelled request never gets a response: say so rather than "yet".
    private static ProblemDetail problem(UUID id, String status) {
      boolean waiting = status.equals("pending") || status.equals("exported");
      ProblemDetail problem =
          ProblemDetail.forStatusAndDetail(
              HttpStatus.NOT_FOUND,
              waiting
                  ? "Request "
                      + id
                      + " has no response yet; /requests/"
                      + id
                      + "/status says how far it got."
                  : "Request "
                      + id
                      + " is "
                      + status
                      + " and has no response; /requests/"
                      + id
                      + "/status says why.");
      problem.setTitle(waiting ? "No response yet" : "No response");
      problem.setProperty("status_of_request", status);
      return problem;
    }
  }

  /**
   * The result of a request. Responses never change once imported, so the result's checksum is its
   * ETag (weak, for the gzipped bytes differ) and the serialised body can be cached for as long as
   * memory allows.
   */
  @GetMapping("/requests/{id}/response")
  ResponseEntity<byte[]> response(
      @AuthenticationPrincipal Caller caller,
      @PathVariable UUID id,
      @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
    String checksum =
        responses
            .checksum(caller.id(), id)
            .orElseThrow(
                () ->
                    responses
                        .requestStatus(caller.id(), id)
                        .<RuntimeException>map(status -> new ResponseNotYet(id, status))
                        .orElseGet(() -> new RequestNotFound(id)));
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
