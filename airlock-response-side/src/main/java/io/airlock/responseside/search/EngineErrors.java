package io.airlock.responseside.search;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Turns an engine's error answer into a reason a user can be shown. */
final class EngineErrors {

  private static final int MAX_RAW_BODY = 300;

  private EngineErrors() {}

  /**
   * {@code error.type: error.reason} as both engines send them, the bare {@code error} string of
   * very old versions, or else the status and the start of the body (a proxy's error page, say).
   */
  static String reason(JsonMapper json, int status, String body) {
    try {
      JsonNode error = json.readTree(body).path("error");
      if (error.isString()) {
        return error.asString();
      }
      String type = text(error.path("type"));
      String reason = text(error.path("reason"));
      if (!type.isEmpty() && !reason.isEmpty()) {
        return type + ": " + reason;
      }
      if (!type.isEmpty() || !reason.isEmpty()) {
        return type + reason;
      }
    } catch (JacksonException e) {
      // Not JSON: fall through to the raw body, which is all there is.
    }
    String raw = body.strip();
    if (raw.length() > MAX_RAW_BODY) {
      raw = raw.substring(0, MAX_RAW_BODY) + "…";
    }
    return raw.isEmpty() ? "HTTP " + status : "HTTP " + status + ": " + raw;
  }

  private static String text(JsonNode node) {
    return node.isString() ? node.asString() : "";
  }
}
