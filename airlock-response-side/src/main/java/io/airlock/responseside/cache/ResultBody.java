package io.airlock.responseside.cache;

import io.airlock.transfer.query.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A result with its canonical text, that text's SHA-256 (the ETag the request side serves) and its
 * size in UTF-8 bytes.
 */
public record ResultBody(JsonNode json, String text, String sha256, long bytes) {

  /**
   * Canonicalises an engine's answer. A document may hold a string the canonical form refuses (a
   * lone surrogate escape): the mapper's text then stands in, which is just as stable for one
   * answer, so the user still gets the result.
   */
  public static ResultBody of(JsonNode result, JsonMapper json) {
    String text;
    try {
      text = CanonicalJson.of(result);
    } catch (IllegalArgumentException e) {
      text = json.writeValueAsString(result);
    }
    return of(result, text);
  }

  static ResultBody of(JsonNode result, String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    try {
      String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(utf8));
      return new ResultBody(result, text, sha256, utf8.length);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }
}
