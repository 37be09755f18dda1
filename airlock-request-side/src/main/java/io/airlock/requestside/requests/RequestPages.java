package io.airlock.requestside.requests;

import io.airlock.console.Charts;
import io.airlock.console.ConsolePages;
import io.airlock.console.PrettyJson;
import io.airlock.console.SearchTerms;
import io.airlock.console.Timeline;
import io.airlock.platform.web.InvalidField;
import io.airlock.requestside.users.Caller;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The user's portal: ask a question, the list of their requests, and a request's page. Each page
 * calls the services the REST API calls ({@link RequestIntake}, {@link Requests}, {@link
 * RequestCancelling}, {@link Responses}), so both refuse and audit alike.
 */
@ConsolePages
class RequestPages {

  /** Requests on one page of the list. */
  static final int PAGE_SIZE = 20;

  /** Examples offered on the ask page, by their message key. */
  static final Map<String, String> EXAMPLES = examples();

  private final RequestIntake intake;
  private final Requests requests;
  private final RequestCancelling cancelling;
  private final Responses responses;
  private final ProfileTypes profileTypes;
  private final RequestEvents events;
  private final ITemplateEngine templates;
  private final JsonMapper json;

  RequestPages(
      RequestIntake intake,
      Requests requests,
      RequestCancelling cancelling,
      Responses responses,
      ProfileTypes profileTypes,
      RequestEvents events,
      ITemplateEngine templates,
      JsonMapper json) {
    this.intake = intake;
    this.requests = requests;
    this.cancelling = cancelling;
    this.responses = responses;
    this.profileTypes = profileTypes;
    this.events = events;
    this.templates = templates;
    this.json = json;
  }

  @GetMapping("/console")
  String home() {
    return "redirect:/console/requests";
  }

  @GetMapping("/console/requests")
  String list(
      @AuthenticationPrincipal Caller caller,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String sort,
      @RequestParam(defaultValue = "0") int page,
      Model model) {
    RequestStatus filter = status == null ? null : RequestStatus.fromWireName(status).orElse(null);
    boolean oldestFirst = "oldest".equals(sort);
    List<StoredRequest> rows;
    long total;
    if (q != null && !q.isBlank()) {
      rows = SearchTerms.uuid(q).flatMap(id -> requests.byId(caller.id(), id)).stream().toList();
      total = rows.size();
    } else {
      Paging paging = Paging.of(Math.max(0, page), PAGE_SIZE);
      rows = requests.page(caller.id(), filter, oldestFirst, paging);
      total = requests.count(caller.id(), filter);
    }
    model.addAttribute("rows", rows);
    model.addAttribute("live", live(rows));
    model.addAttribute("statuses", RequestStatus.values());
    model.addAttribute("page", Math.max(0, page));
    model.addAttribute("pages", (total + PAGE_SIZE - 1) / PAGE_SIZE);
    model.addAttribute("total", total);
    return "request/requests";
  }

  /**
   * What a cancel did, named in the redirect (not a flash attribute: htmx's refresh would take it).
   */
  static final Set<String> CANCEL_OUTCOMES = Set.of("done", "asked", "finished");

  @GetMapping("/console/requests/{id}")
  String one(
      @AuthenticationPrincipal Caller caller,
      @PathVariable UUID id,
      @RequestParam(required = false) String cancel,
      Model model) {
    if (cancel != null && CANCEL_OUTCOMES.contains(cancel)) {
      model.addAttribute("flashKey", "request.cancel." + cancel);
    }
    StoredRequest request =
        requests
            .byId(caller.id(), id)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    model.addAttribute("request", request);
    model.addAttribute("live", live(List.of(request)));
    model.addAttribute("query", PrettyJson.of(json, request.queryParams()));
    model.addAttribute("timeline", Timeline.of(request.stages().named()));
    model.addAttribute(
        "cancellable",
        RequestStatus.fromWireName(request.status()).map(RequestStatus::cancellable).orElse(false));
    responses
        .load(caller.id(), id)
        .ifPresent(
            response -> {
              JsonNode result = json.readTree(response.result());
              model.addAttribute(
                  "result", json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
              model.addAttribute(
                  "count", result.path("count").isNumber() ? result.path("count").asLong() : null);
              model.addAttribute("hits", Hits.of(result));
              model.addAttribute("aggregations", Aggregation.all(result));
              model.addAttribute("response", response);
            });
    return "request/request";
  }

  /**
   * The live status of the caller's requests among {@code ids} (those of a page), as server-sent
   * events for htmx: {@code status-<id>} with the new status chip, and {@code done} when one ends.
   * The same {@link RequestEvents} as {@code GET /requests/{id}/events}.
   */
  @GetMapping(path = "/console/requests/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter events(
      @AuthenticationPrincipal Caller caller, @RequestParam List<UUID> ids, Locale locale) {
    List<UUID> theirs =
        ids.stream()
            .distinct()
            .limit(PAGE_SIZE)
            .filter(id -> requests.byId(caller.id(), id).isPresent())
            .toList();
    SseEmitter emitter = new SseEmitter(RequestController.EVENTS_TIMEOUT.toMillis());
    // "close" before the end, so that the page (sse-close) does not connect again.
    Runnable close =
        () -> {
          try {
            emitter.send(SseEmitter.event().name("close").data(""));
          } catch (IOException | IllegalStateException gone) {
            // The client left first.
          }
          emitter.complete();
        };
    if (theirs.isEmpty()) {
      close.run();
      return emitter;
    }
    RequestEvents.Watch watch =
        events.watch(
            theirs,
            (request, changed) -> {
              emitter.send(
                  SseEmitter.event()
                      .name("status-" + request.id())
                      .data(chip(request.status(), locale)));
              // Also when it had ended before the stream began: the page was older than that.
              if (RequestStatus.ended(request.status())) {
                emitter.send(SseEmitter.event().name("done").data(request.id().toString()));
              }
            },
            close);
    emitter.onCompletion(watch::close);
    emitter.onTimeout(watch::close);
    emitter.onError(failure -> watch.close());
    return emitter;
  }

  @PostMapping("/console/requests/{id}/cancel")
  String cancel(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    Cancellation outcome = cancelling.cancel(caller, id);
    if (outcome instanceof Cancellation.NotFound) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    String done =
        outcome instanceof Cancellation.AlreadyFinished
            ? "finished"
            : outcome instanceof Cancellation.Cancelled ? "done" : "asked";
    return "redirect:/console/requests/" + id + "?cancel=" + done;
  }

  @GetMapping("/console/ask")
  String ask(@AuthenticationPrincipal Caller caller, Model model) {
    return askForm(
        caller,
        model,
        new AskForm(null, "search", "{\n  \"query\": {\"match_all\": {}},\n  \"size\": 10\n}", 0),
        null);
  }

  /** The ask form as posted; the names are the form fields'. */
  record AskForm(String index, String queryType, String queryParams, Integer priority) {

    AskForm {
      queryType = queryType == null ? "search" : queryType;
      queryParams = queryParams == null ? "" : queryParams;
      priority = priority == null ? 0 : priority;
    }
  }

  @PostMapping("/console/ask")
  String submit(@AuthenticationPrincipal Caller caller, AskForm form, Model model) {
    UUID[] submitted = new UUID[1];
    String problem =
        problemOf(
            () ->
                submitted[0] =
                    intake
                        .submit(
                            caller,
                            form.index(),
                            form.queryType(),
                            json.readTree(form.queryParams()),
                            form.priority(),
                            Optional.empty())
                        .id());
    if (problem == null) {
      return "redirect:/console/requests/" + submitted[0];
    }
    return askForm(caller, model, form, problem);
  }

  /**
   * The ask form's check as the user types (htmx): the same checks as submitting, {@link
   * RequestIntake#check}, without storing anything; answers the {@code check} fragment.
   */
  @PostMapping("/console/ask/check")
  String check(@AuthenticationPrincipal Caller caller, AskForm form, Model model) {
    model.addAttribute(
        "checkProblem",
        problemOf(
            () ->
                intake.check(
                    caller,
                    form.index(),
                    form.queryType(),
                    json.readTree(form.queryParams()),
                    form.priority())));
    model.addAttribute("checked", true);
    return "request/ask :: check";
  }

  /** What is wrong, naming the field by its JSON path; null if nothing is. */
  private static String problemOf(Runnable attempt) {
    try {
      attempt.run();
      return null;
    } catch (JacksonException e) {
      return "query_params: line "
          + e.getLocation().getLineNr()
          + ", column "
          + e.getLocation().getColumnNr()
          + ": "
          + e.getOriginalMessage();
    } catch (InvalidField e) {
      return e.field() + " " + e.getMessage();
    } catch (ErrorResponseException e) {
      return e.getBody().getDetail();
    }
  }

  private String askForm(Caller caller, Model model, AskForm form, String problem) {
    Optional<ProfileType> profile = profileTypes.ofUser(caller.id());
    model.addAttribute("indices", profile.map(ProfileType::allowedIndices).orElse(List.of()));
    model.addAttribute("maxPriority", profile.map(ProfileType::maxPriority).orElse(0));
    model.addAttribute("form", form);
    model.addAttribute("problem", problem);
    model.addAttribute("examples", EXAMPLES);
    return "request/ask";
  }

  /**
   * The ids of those requests that may still change, for the page's event stream; empty if none.
   */
  private static String live(List<StoredRequest> shown) {
    return shown.stream()
        .filter(r -> !RequestStatus.ended(r.status()))
        .map(r -> r.id().toString())
        .collect(Collectors.joining(","));
  }

  private String chip(String status, Locale locale) {
    return templates.process(
        "console/fragments", Set.of("chip"), new Context(locale, Map.of("status", status)));
  }

  private static Map<String, String> examples() {
    Map<String, String> examples = new LinkedHashMap<>();
    examples.put("request.example.all", "{\"query\": {\"match_all\": {}}, \"size\": 10}");
    examples.put(
        "request.example.match", "{\"query\": {\"match\": {\"title\": \"outage\"}}, \"size\": 10}");
    examples.put(
        "request.example.terms",
        "{\"size\": 0, \"aggs\": {\"by_severity\": {\"terms\": {\"field\": \"severity\"}}}}");
    return examples;
  }

  /**
   * One aggregation of a search's result: a bucket aggregation's buckets (key and count), or a
   * metric's value.
   */
  record Aggregation(String name, List<Bucket> buckets, String value, String chart) {

    record Bucket(String key, long count) {}

    static List<Aggregation> all(JsonNode result) {
      List<Aggregation> all = new ArrayList<>();
      for (Map.Entry<String, JsonNode> named : result.path("aggregations").properties()) {
        JsonNode aggregation = named.getValue();
        if (aggregation.path("buckets").isArray()) {
          List<Bucket> buckets = new ArrayList<>();
          for (JsonNode bucket : aggregation.path("buckets")) {
            buckets.add(
                new Bucket(
                    bucket.path("key_as_string").asString(bucket.path("key").asString()),
                    bucket.path("doc_count").asLong()));
          }
          all.add(new Aggregation(named.getKey(), buckets, null, chart(buckets)));
        } else if (aggregation.has("value")) {
          all.add(
              new Aggregation(
                  named.getKey(), List.of(), aggregation.path("value").asString(), null));
        }
      }
      return all;
    }

    private static String chart(List<Bucket> buckets) {
      return Charts.bar(
          buckets.stream().map(Bucket::key).toList(), buckets.stream().map(Bucket::count).toList());
    }
  }

  /**
   * A search's hits as a table: one column per {@code _source} field any hit has, in the order
   * first seen.
   */
  record Hits(List<String> columns, List<List<String>> rows) {

    static Hits of(JsonNode result) {
      JsonNode hits = result.path("hits").path("hits");
      if (!hits.isArray() || hits.isEmpty()) {
        return null;
      }
      LinkedHashSet<String> columns = new LinkedHashSet<>();
      hits.forEach(hit -> hit.path("_source").propertyNames().forEach(columns::add));
      if (columns.isEmpty()) {
        return null;
      }
      List<List<String>> rows = new ArrayList<>();
      for (JsonNode hit : hits) {
        List<String> row = new ArrayList<>();
        for (String column : columns) {
          JsonNode value = hit.path("_source").path(column);
          row.add(
              value.isMissingNode() || value.isNull()
                  ? ""
                  : value.isValueNode() ? value.asString() : value.toString());
        }
        rows.add(row);
      }
      return new Hits(List.copyOf(columns), rows);
    }
  }
}
