package io.airlock.console;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** JSON text indented for a page to show: queries, manifests, a log entry's fields. */
public final class PrettyJson {

  private PrettyJson() {}

  /** {@code text} indented; null for null, and as it is when it is not JSON. */
  public static String of(JsonMapper json, String text) {
    if (text == null) {
      return null;
    }
    try {
      return json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(text));
    } catch (JacksonException notJson) {
      return text;
    }
  }
}
