package io.airlock.requestside.requests;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.airlock.platform.web.InvalidField;
import io.airlock.requestside.ratelimit.QuotaHeaders;
import io.airlock.requestside.users.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/requests")
class RequestController {

  /** Set on the answer to a submission that repeats an earlier one's idempotency key. */
  static final String REPLAYED = "Idempotent-Replayed";

  private final RequestIntake intake;
  private final RequestCancelling cancelling;
  private final Requests requests;
  private final RequestEvents events;
  private final JsonMapper json;
  private final Clock clock;

  RequestController(
      RequestIntake intake,
      RequestCancelling cancelling,
      Requests requests,
      RequestEvents events,
      JsonMapper json,
      Clock clock) {
    this.intake = intake;
    this.cancelling = cancelling;
    this.requests = requests;
    this.events = events;
    this.json = json;
    this.clock = clock;
  }

  // Index, type and params are checked by QueryRules, which names the field; only presence and
  // type are bean validation's.
  record RequestForm(
      String index,
      @JsonProperty("query_type") String queryType,
      @JsonProperty("query_params") JsonNode queryParams,
      @NotNull Integer priority) {}

  record Accepted(UUID id, String status, @JsonProperty("status_url") String statusUrl) {}

  record RequestView(
      UUID id,
      String index,
      @JsonProperty("query_type") String queryType,
      @JsonProperty("query_params") JsonNode queryParams,
      int priority,
      String status,
      @JsonProperty("status_reason") String statusReason,
      Instant deadline,
      @JsonProperty("trace_id") String traceId,
      Stages stages,
      @JsonProperty("status_url") String statusUrl,
      ResponseSummary response) {}

  record ResponseSummary(
      @JsonProperty("execution_ms") long executionMs,
      @JsonProperty("cache_hit") boolean cacheHit,
      @JsonProperty("result_sha256") String resultSha256,
      @JsonProperty("received_at") Instant receivedAt,
      @JsonProperty("response_url") String responseUrl) {}

  record RequestPage(List<RequestView> items, int page, int size, long total) {}

  record StatusView(
      UUID id,
      String status,
      @JsonProperty("status_reason") String statusReason,
      Instant deadline,
      Stages stages) {}

  record CancelView(UUID id, String status) {}

  @PostMapping
  ResponseEntity<Accepted> submit(
      @AuthenticationPrincipal Caller caller,
      @Parameter(
              description =
                  "Makes a retry safe (IETF httpapi draft): the same key with the same body within"
                      + " 24 hours gets the original answer (with Idempotent-Replayed: true) and"
                      + " stores nothing; with another body 422; while the first call is under"
                      + " way 409. Up to 255 printable ASCII characters, e.g. a UUID.")
          @RequestHeader(name = IdempotencyKey.HEADER, required = false)
          String idempotencyKey,
      @Valid @RequestBody RequestForm form) {
    Optional<IdempotencyKey> key =
        IdempotencyKey.of(
            idempotencyKey, form.index(), form.queryType(), form.queryParams(), form.priority());
    RequestIntake.Submitted submitted =
        intake.submit(
            caller, form.index(), form.queryType(), form.queryParams(), form.priority(), key);
    UUID id = submitted.id();
    HttpHeaders headers = new HttpHeaders();
    if (submitted.replayed()) {
      headers.set(REPLAYED, "true");
    } else {
      QuotaHeaders.add(headers, submitted.quota(), clock);
    }
    return ResponseEntity.accepted()
        .location(URI.create("/requests/" + id))
        .headers(headers)
        .body(new Accepted(id, RequestStatus.PENDING.wireName(), statusUrl(id)));
  }

  @GetMapping
  RequestPage list(
      @AuthenticationPrincipal Caller caller,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String sort) {
    Paging paging = Paging.of(page, size);
    RequestStatus filter =
        status == null
            ? null
            : RequestStatus.fromWireName(status)
                .orElseThrow(
                    () ->
                        new InvalidField(
                            "status",
                            "must be one of pending, exported, completed, failed, expired,"
                                + " cancelling, cancelled"));
    boolean oldestFirst;
    if (sort == null || sort.equals("created,desc") || sort.equals("created")) {
      oldestFirst = false;
    } else if (sort.equals("created,asc")) {
      oldestFirst = true;
    } else {
      throw new InvalidField("sort", "must be created,desc or created,asc");
    }
    List<RequestView> items =
        requests.page(caller.id(), filter, oldestFirst, paging).stream().map(this::view).toList();
    return new RequestPage(
        items, paging.page(), paging.size(), requests.count(caller.id(), filter));
  }

  @GetMapping("/{id}")
  RequestView one(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    return view(stored(caller, id));
  }

  @GetMapping("/{id}/status")
  StatusView status(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    return statusView(stored(caller, id));
  }

  private static StatusView statusView(StoredRequest request) {
    return new StatusView(
        request.id(),
        request.status(),
        request.statusReason(),
        request.deadline(),
        request.stages());
  }

  /** How long an event stream stays open before the client must connect again. */
  static final Duration EVENTS_TIMEOUT = Duration.ofMinutes(10);

  @Operation(
      summary = "The request's status as it changes",
      description =
          "Server-sent events named status, each holding what GET /requests/{id}/status answers:"
              + " the state now, then every change, on whichever instance it happens. The stream"
              + " ends after a final status (completed, failed, expired, cancelled), or after 10"
              + " minutes; connect again to go on.")
  @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter events(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    stored(caller, id);
    SseEmitter emitter = new SseEmitter(EVENTS_TIMEOUT.toMillis());
    RequestEvents.Watch watch =
        events.watch(
            List.of(id),
            (request, changed) ->
                emitter.send(
                    SseEmitter.event()
                        .name("status")
                        .data(statusView(request), MediaType.APPLICATION_JSON)),
            emitter::complete);
    emitter.onCompletion(watch::close);
    emitter.onTimeout(watch::close);
    emitter.onError(failure -> watch.close());
    return emitter;
  }

  @DeleteMapping("/{id}")
  ResponseEntity<CancelView> cancel(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    Cancellation outcome = cancelling.cancel(caller, id);
    if (outcome instanceof Cancellation.NotFound) {
      throw new RequestNotFound(id);
    }
    if (outcome instanceof Cancellation.AlreadyFinished finished) {
      throw new RequestFinished(id, finished.status());
    }
    if (outcome instanceof Cancellation.Cancelled) {
      return ResponseEntity.ok(new CancelView(id, RequestStatus.CANCELLED.wireName()));
    }
    // The response side decides; until its answer arrives the request is only cancelling.
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(new CancelView(id, RequestStatus.CANCELLING.wireName()));
  }

  private StoredRequest stored(Caller caller, UUID id) {
    return requests.byId(caller.id(), id).orElseThrow(() -> new RequestNotFound(id));
  }

  private RequestView view(StoredRequest request) {
    StoredRequest.ResponseSummary response = request.response();
    return new RequestView(
        request.id(),
        request.index(),
        request.queryType(),
        json.readTree(request.queryParams()),
        request.priority(),
        request.status(),
        request.statusReason(),
        request.deadline(),
        request.traceId(),
        request.stages(),
        statusUrl(request.id()),
        response == null
            ? null
            : new ResponseSummary(
                response.executionMs(),
                response.cacheHit(),
                response.resultSha256(),
                response.receivedAt(),
                "/requests/" + request.id() + "/response"));
  }

  private static String statusUrl(UUID id) {
    return "/requests/" + id + "/status";
  }
}
