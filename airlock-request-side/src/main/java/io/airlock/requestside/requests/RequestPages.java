package io.airlock.requestside.requests;

import io.airlock.console.ConsolePages;
import io.airlock.console.Timeline;
import io.airlock.platform.web.InvalidField;
import io.airlock.requestside.users.Caller;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
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
  private final JsonMapper json;

  RequestPages(
      RequestIntake intake,
      Requests requests,
      RequestCancelling cancelling,
      Responses responses,
      ProfileTypes profileTypes,
      JsonMapper json) {
    this.intake = intake;
    this.requests = requests;
    this.cancelling = cancelling;
    this.responses = responses;
    this.profileTypes = profileTypes;
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
      rows = uuid(q.strip()).flatMap(id -> requests.byId(caller.id(), id)).stream().toList();
      total = rows.size();
    } else {
      Paging paging = Paging.of(Math.max(0, page), PAGE_SIZE);
      rows = requests.page(caller.id(), filter, oldestFirst, paging);
      total = requests.count(caller.id(), filter);
    }
    model.addAttribute("rows", rows);
    model.addAttribute("statuses", RequestStatus.values());
    model.addAttribute("page", Math.max(0, page));
    model.addAttribute("pages", (total + PAGE_SIZE - 1) / PAGE_SIZE);
    model.addAttribute("total", total);
    return "request/requests";
  }

  @GetMapping("/console/requests/{id}")
  String one(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, Model model) {
    StoredRequest request =
        requests
            .byId(caller.id(), id)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    model.addAttribute("request", request);
    model.addAttribute("query", pretty(request.queryParams()));
    model.addAttribute("timeline", Timeline.of(stages(request.stages())));
    model.addAttribute(
        "cancellable",
        request.status().equals(RequestStatus.PENDING.wireName())
            || request.status().equals(RequestStatus.EXPORTED.wireName()));
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
              model.addAttribute("response", response);
            });
    return "request/request";
  }

  @PostMapping("/console/requests/{id}/cancel")
  String cancel(
      @AuthenticationPrincipal Caller caller, @PathVariable UUID id, RedirectAttributes flash) {
    Cancellation outcome = cancelling.cancel(caller, id);
    if (outcome instanceof Cancellation.NotFound) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    flash.addFlashAttribute(
        "flashKey",
        outcome instanceof Cancellation.AlreadyFinished
            ? "request.cancel.finished"
            : outcome instanceof Cancellation.Cancelled
                ? "request.cancel.done"
                : "request.cancel.asked");
    return "redirect:/console/requests/" + id;
  }

  @GetMapping("/console/ask")
  String ask(@AuthenticationPrincipal Caller caller, Model model) {
    return askForm(
        caller,
        model,
        null,
        "search",
        "{\n  \"query\": {\"match_all\": {}},\n  \"size\": 10\n}",
        0,
        null);
  }

  @PostMapping("/console/ask")
  String submit(
      @AuthenticationPrincipal Caller caller,
      @RequestParam(required = false) String index,
      @RequestParam(name = "query_type", defaultValue = "search") String queryType,
      @RequestParam(name = "query_params", defaultValue = "") String queryParams,
      @RequestParam(defaultValue = "0") int priority,
      Model model) {
    try {
      JsonNode params = json.readTree(queryParams);
      UUID id = intake.submit(caller, index, queryType, params, priority, Optional.empty()).id();
      return "redirect:/console/requests/" + id;
    } catch (JacksonException e) {
      return askForm(
          caller,
          model,
          index,
          queryType,
          queryParams,
          priority,
          "query_params: " + e.getOriginalMessage());
    } catch (InvalidField e) {
      return askForm(
          caller, model, index, queryType, queryParams, priority, e.field() + " " + e.getMessage());
    } catch (ErrorResponseException e) {
      return askForm(
          caller, model, index, queryType, queryParams, priority, e.getBody().getDetail());
    }
  }

  private String askForm(
      Caller caller,
      Model model,
      String index,
      String queryType,
      String queryParams,
      int priority,
      String problem) {
    Optional<ProfileType> profile = profileTypes.ofUser(caller.id());
    model.addAttribute("indices", profile.map(ProfileType::allowedIndices).orElse(List.of()));
    model.addAttribute("maxPriority", profile.map(ProfileType::maxPriority).orElse(0));
    model.addAttribute("index", index);
    model.addAttribute("queryType", queryType);
    model.addAttribute("queryParams", queryParams);
    model.addAttribute("priority", priority);
    model.addAttribute("problem", problem);
    model.addAttribute("examples", EXAMPLES);
    return "request/ask";
  }

  private String pretty(String canonical) {
    return json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(canonical));
  }

  private static Map<String, java.time.Instant> stages(Stages stages) {
    Map<String, java.time.Instant> named = new LinkedHashMap<>();
    named.put("submitted", stages.submitted());
    named.put("exported", stages.exported());
    named.put("received", stages.received());
    named.put("executed", stages.executed());
    named.put("result_exported", stages.resultExported());
    named.put("result_received", stages.resultReceived());
    return named;
  }

  private static Optional<UUID> uuid(String text) {
    try {
      return Optional.of(UUID.fromString(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
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
   * A search's hits as a table: one column per {@code _source} field any hit has, in the order
   * first seen.
   */
  record Hits(List<String> columns, List<List<String>> rows) {

    static Hits of(JsonNode result) {
      JsonNode hits = result.path("hits").path("hits");
      if (!hits.isArray() || hits.isEmpty()) {
        return null;
      }
      java.util.LinkedHashSet<String> columns = new java.util.LinkedHashSet<>();
      hits.forEach(hit -> hit.path("_source").propertyNames().forEach(columns::add));
      if (columns.isEmpty()) {
        return null;
      }
      List<List<String>> rows = new java.util.ArrayList<>();
      for (JsonNode hit : hits) {
        List<String> row = new java.util.ArrayList<>();
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
