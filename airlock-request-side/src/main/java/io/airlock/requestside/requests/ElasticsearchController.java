package io.airlock.requestside.requests;

import io.airlock.platform.web.InvalidField;
import io.airlock.requestside.ratelimit.QuotaHeaders;
import io.airlock.requestside.users.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Elasticsearch's async search API over Airlock's requests, so that Elasticsearch clients,
 * unchanged, ask across the gap: a search submitted here is a request like one of {@code POST
 * /requests} (the same intake: query firewall, quotas, limits, audit, stage times), and its async
 * search id is the request's id. Under {@code /es} only: Airlock's own paths stay clear of
 * Elasticsearch's.
 */
@RestController
@RequestMapping(ElasticsearchErrors.PATH)
@Tag(name = "Elasticsearch-compatible")
class ElasticsearchController {

  /** The Elasticsearch API level answered: the 9.x clients ask for it. */
  static final String VERSION = "9.0.0";

  static final Duration DEFAULT_WAIT = Duration.ofSeconds(1);
  static final Duration LONGEST_WAIT = Duration.ofSeconds(30);
  static final String WAIT = "wait_for_completion_timeout";

  private final RequestIntake intake;
  private final Requests requests;
  private final Responses responses;
  private final RequestCancelling cancelling;
  private final RequestEvents events;
  private final ProfileTypes profileTypes;
  private final Clock clock;

  ElasticsearchController(
      RequestIntake intake,
      Requests requests,
      Responses responses,
      RequestCancelling cancelling,
      RequestEvents events,
      ProfileTypes profileTypes,
      Clock clock) {
    this.intake = intake;
    this.requests = requests;
    this.responses = responses;
    this.cancelling = cancelling;
    this.events = events;
    this.profileTypes = profileTypes;
    this.clock = clock;
  }

  @Operation(summary = "The root document Elasticsearch clients probe")
  @GetMapping({"", "/"})
  ObjectNode root() {
    ObjectNode root = JsonMapper.shared().createObjectNode();
    root.put("name", "airlock-request-side");
    root.put("cluster_name", "airlock");
    root.put("cluster_uuid", "_na_");
    ObjectNode version = root.putObject("version");
    version.put("number", VERSION);
    version.put("build_flavor", "default");
    version.put("build_type", "airlock");
    version.put("build_hash", "airlock");
    version.put("build_date", "2025-04-08T00:00:00.000Z");
    version.put("build_snapshot", false);
    version.put("lucene_version", "10.1.0");
    version.put("minimum_wire_compatibility_version", "8.19.0");
    version.put("minimum_index_compatibility_version", "8.0.0");
    root.put("tagline", "You Know, for Search");
    return root;
  }

  @Operation(
      summary = "Submit a search (an Airlock request)",
      description =
          "The body is the search DSL, checked like POST /requests. wait_for_completion_timeout"
              + " (default 1s, at most 30s) holds the call until the answer has crossed back;"
              + " keep_alive sets the request's deadline (1m up to the default deadline);"
              + " keep_on_completion is accepted (answers are always kept); typed_keys prefixes"
              + " the aggregations with their types.")
  @PostMapping("/{index}/_async_search")
  DeferredResult<ResponseEntity<ObjectNode>> submit(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String index,
      @RequestParam(name = WAIT, required = false) String wait,
      @RequestParam(name = "keep_alive", required = false) String keepAlive,
      @RequestParam(name = "typed_keys", defaultValue = "false") boolean typedKeys,
      @RequestBody(required = false) JsonNode body) {
    Duration patience = patience(wait);
    JsonNode search = body == null ? JsonMapper.shared().createObjectNode() : aggsNamedShort(body);
    int priority =
        profileTypes
            .ofUser(caller.id())
            .map(profile -> Math.min(1, profile.maxPriority()))
            .orElse(0);
    RequestIntake.Submitted submitted =
        intake.submit(
            caller,
            index,
            "search",
            search,
            priority,
            Optional.empty(),
            keepAlive == null ? null : duration("keep_alive", keepAlive));
    HttpHeaders headers = new HttpHeaders();
    QuotaHeaders.add(headers, submitted.quota(), clock);
    return answer(caller, submitted.id(), patience, typedKeys, headers);
  }

  @Operation(summary = "A search, waiting up to wait_for_completion_timeout for its answer")
  @GetMapping("/_async_search/{id}")
  DeferredResult<ResponseEntity<ObjectNode>> get(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String id,
      @RequestParam(name = WAIT, required = false) String wait,
      @RequestParam(name = "keep_alive", required = false) String keepAlive,
      @RequestParam(name = "typed_keys", defaultValue = "false") boolean typedKeys) {
    Duration patience = wait == null ? Duration.ZERO : patience(wait);
    return answer(caller, requestId(id), patience, typedKeys, new HttpHeaders());
  }

  @Operation(summary = "Whether a search is still running, and how it ended")
  @GetMapping("/_async_search/status/{id}")
  ObjectNode status(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
    return view(caller, requestId(id)).status();
  }

  @Operation(summary = "Cancel a search still under way, and forget it")
  @DeleteMapping("/_async_search/{id}")
  ObjectNode delete(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
    UUID request = requestId(id);
    StoredRequest stored =
        requests
            .asAsyncSearch(caller.id(), request)
            .orElseThrow(() -> new RequestNotFound(request));
    // Only one still waiting for its answer is cancelled; an ended one is only forgotten here.
    if (!RequestStatus.ended(stored.status())) {
      cancelling.cancel(caller, request);
    }
    if (!requests.deleteAsAsyncSearch(caller.id(), request)) {
      throw new RequestNotFound(request);
    }
    return JsonMapper.shared().createObjectNode().put("acknowledged", true);
  }

  /**
   * Elasticsearch takes {@code aggregations} for {@code aggs}, at every level, and its typed
   * clients write the long name; Airlock's query grammar knows {@code aggs} alone.
   */
  static JsonNode aggsNamedShort(JsonNode search) {
    if (!(search instanceof ObjectNode object)) {
      return search;
    }
    ObjectNode renamed = object.deepCopy();
    rename(renamed);
    return renamed;
  }

  private static void rename(ObjectNode holder) {
    if (holder.has("aggregations") && !holder.has("aggs")) {
      holder.set("aggs", holder.remove("aggregations"));
    }
    if (holder.get("aggs") instanceof ObjectNode aggregations) {
      for (JsonNode definition : aggregations.values()) {
        if (definition instanceof ObjectNode each) {
          rename(each);
        }
      }
    }
  }

  /**
   * The search once it has ended or {@code patience} is over, whichever comes first, without
   * holding a servlet thread meanwhile: the answer is written when the request's end is signalled
   * (on whichever instance imports it) or when the time is up.
   */
  private DeferredResult<ResponseEntity<ObjectNode>> answer(
      Caller caller, UUID id, Duration patience, boolean typedKeys, HttpHeaders headers) {
    DeferredResult<ResponseEntity<ObjectNode>> result =
        new DeferredResult<>(Math.max(1, patience.toMillis()));
    Runnable answer =
        () -> {
          try {
            AsyncSearchView view = view(caller, id);
            result.setResult(
                ResponseEntity.status(view.completionStatus())
                    .headers(headers)
                    .body(view.document(typedKeys)));
          } catch (RuntimeException refused) {
            result.setErrorResult(refused);
          }
        };
    if (!view(caller, id).running() || patience.isZero()) {
      answer.run();
      return result;
    }
    // Off the events thread, which all of this instance's watches share.
    AutoCloseable watch = events.whenEnded(id, () -> CompletableFuture.runAsync(answer));
    result.onTimeout(answer);
    result.onCompletion(() -> closeQuietly(watch));
    // It may have ended between the first look and the watch.
    if (!view(caller, id).running()) {
      answer.run();
    }
    return result;
  }

  private static void closeQuietly(AutoCloseable watch) {
    try {
      watch.close();
    } catch (Exception e) {
      throw new IllegalStateException("Could not stop watching a request", e);
    }
  }

  private AsyncSearchView view(Caller caller, UUID id) {
    StoredRequest request =
        requests.asAsyncSearch(caller.id(), id).orElseThrow(() -> new RequestNotFound(id));
    // Cancelled or expired: Elasticsearch has forgotten such a search.
    if (request.status().equals(RequestStatus.CANCELLED.wireName())
        || request.status().equals(RequestStatus.CANCELLING.wireName())
        || request.status().equals(RequestStatus.EXPIRED.wireName())) {
      throw new RequestNotFound(id);
    }
    Responses.Stored answer =
        request.status().equals(RequestStatus.COMPLETED.wireName())
            ? responses.load(caller.id(), id).orElse(null)
            : null;
    return new AsyncSearchView(request, answer);
  }

  /** An async search id is a request id; anything else names no search. */
  private static UUID requestId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new ElasticsearchIdUnknown(id);
    }
  }

  private static Duration patience(String wait) {
    if (wait == null) {
      return DEFAULT_WAIT;
    }
    Duration patience = duration(WAIT, wait);
    return patience.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : patience;
  }

  /**
   * A duration as Elasticsearch writes them ({@code 1s}, {@code 500ms}, {@code 5m}, {@code 1d}).
   */
  static Duration duration(String name, String value) {
    try {
      Duration duration = DurationStyle.SIMPLE.parse(value.strip());
      if (duration.isNegative()) {
        throw new InvalidField(name, "must not be negative");
      }
      return duration;
    } catch (IllegalArgumentException e) {
      throw new InvalidField(name, "must be a duration such as 1s, 500ms or 5m");
    }
  }
}
