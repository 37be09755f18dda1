package io.airlock.requestside.requests;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.WebUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What Elasticsearch clients expect of every answer under {@code /es}: the {@code
 * X-Elastic-Product} header they check, and errors in Elasticsearch's shape ({@code {"error":
 * {"type", "reason", "root_cause"}, "status"}}) with the same status code. The rest of Airlock
 * answers errors as RFC 9457 problems, written wherever they arise (security, limits, quotas,
 * validation); this filter, around security and the application, rewrites those under {@code /es}
 * alone (it is registered for those paths only).
 */
final class ElasticsearchErrors extends OncePerRequestFilter {

  static final String PATH = "/es";
  static final String PRODUCT_HEADER = "X-Elastic-Product";

  private static final Map<Integer, String> TYPES =
      Map.of(
          400, "illegal_argument_exception",
          401, "security_exception",
          403, "security_exception",
          404, "resource_not_found_exception",
          409, "version_conflict_engine_exception",
          429, "es_rejected_execution_exception",
          503, "unavailable_shards_exception");

  // A failed request's reason code, as the response side names it, and what Elasticsearch answers.
  private static final Map<String, Integer> FAILURES =
      Map.of(
          "bad_query", 400,
          "index_not_found", 404,
          "index_not_allowed", 403,
          "result_too_large", 413,
          "search_unavailable", 503,
          "attempts_exhausted", 503,
          "search_failed", 500,
          "result_unstorable", 500,
          "invalid_result_record", 500,
          "invalid_record", 500);

  // The answer of a search that waits is written on an async dispatch: rewrite it then.
  @Override
  protected boolean shouldNotFilterAsyncDispatch() {
    return false;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    // An async dispatch writes through the wrapper of the first (within the async request's own).
    HttpServletResponse toUse =
        isAsyncDispatch(request) ? response : new ContentCachingResponseWrapper(response);
    toUse.setHeader(PRODUCT_HEADER, "Elasticsearch");
    try {
      chain.doFilter(request, toUse);
    } finally {
      ContentCachingResponseWrapper wrapped =
          WebUtils.getNativeResponse(toUse, ContentCachingResponseWrapper.class);
      if (!isAsyncStarted(request) && wrapped != null) {
        rewriteProblem(request, wrapped);
        wrapped.copyBodyToResponse();
      }
    }
  }

  private static void rewriteProblem(
      HttpServletRequest request, ContentCachingResponseWrapper wrapped) throws IOException {
    String type = wrapped.getContentType();
    if (type == null || !type.startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE)) {
      return;
    }
    JsonNode problem = JsonMapper.shared().readTree(wrapped.getContentAsByteArray());
    String reason =
        problem.path("detail").isString()
            ? problem.path("detail").asString()
            : problem.path("title").asString("error");
    // Elasticsearch answers a request it will not run with 400; Airlock's refusals are 422.
    if (wrapped.getStatus() == 422) {
      wrapped.setStatus(400);
    }
    ObjectNode error = error(typeOf(wrapped.getStatus()), reason);
    error.put("status", wrapped.getStatus());
    wrapped.resetBuffer();
    wrapped.setContentType(contentType(request));
    wrapped.getOutputStream().write(JsonMapper.shared().writeValueAsBytes(error));
  }

  /** An error document without its status: {@code {"error": {type, reason, root_cause}}}. */
  static ObjectNode error(String type, String reason) {
    ObjectNode document = JsonMapper.shared().createObjectNode();
    ObjectNode error = document.putObject("error");
    error.putArray("root_cause").addObject().put("type", type).put("reason", reason);
    error.put("type", type);
    error.put("reason", reason);
    return document;
  }

  /** The status a failed request's reason ({@code code: detail}) answers with. */
  static int statusOf(String statusReason) {
    String code = statusReason == null ? "" : statusReason.split(":", 2)[0].strip();
    // The response side refuses on re-validation with codes of the query rules: the caller's fault.
    return FAILURES.getOrDefault(code, 400);
  }

  private static String typeOf(int status) {
    return TYPES.getOrDefault(status, status >= 500 ? "exception" : "status_exception");
  }

  /** Elasticsearch's own media type when the client asked for it, else JSON. */
  static String contentType(HttpServletRequest request) {
    String accept = request.getHeader(HttpHeaders.ACCEPT);
    if (accept != null) {
      for (String type : accept.split(",")) {
        if (type.contains("vnd.elasticsearch+json")) {
          return type.strip();
        }
      }
    }
    return MediaType.APPLICATION_JSON_VALUE;
  }
}
