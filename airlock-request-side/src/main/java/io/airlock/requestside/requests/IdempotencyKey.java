package io.airlock.requestside.requests;

import io.airlock.platform.web.InvalidField;
import io.airlock.transfer.batch.BatchEncoder;
import io.airlock.transfer.query.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code Idempotency-Key} a client sent with a submission (IETF httpapi draft "The
 * Idempotency-Key HTTP Header Field"), and the fingerprint of the submission's body that tells a
 * retry from another request reusing the key.
 *
 * @param value the key: a structured-field string ({@code "…"}) or the same text unquoted
 * @param fingerprint SHA-256 of the body's canonical JSON (index, query type, parameters, priority)
 */
record IdempotencyKey(String value, String fingerprint) {

  /** The header's name. */
  static final String HEADER = "Idempotency-Key";

  private static final int MAX_LENGTH = 255;
  private static final Pattern PRINTABLE = Pattern.compile("[\\x20-\\x7e]+");

  /**
   * The key of a submission, if the header was sent.
   *
   * @throws InvalidField when the header is empty, too long or not printable ASCII
   */
  static Optional<IdempotencyKey> of(
      String header, String index, String queryType, JsonNode params, Integer priority) {
    if (header == null) {
      return Optional.empty();
    }
    String value =
        header.length() >= 2 && header.startsWith("\"") && header.endsWith("\"")
            ? header.substring(1, header.length() - 1)
            : header;
    if (value.isEmpty() || value.length() > MAX_LENGTH || !PRINTABLE.matcher(value).matches()) {
      throw new InvalidField(
          HEADER, "must be 1 to " + MAX_LENGTH + " printable ASCII characters, e.g. a UUID");
    }
    ObjectNode body = JsonMapper.shared().createObjectNode();
    body.put("index", index);
    body.put("query_type", queryType);
    body.set("query_params", params);
    body.put("priority", priority);
    return Optional.of(
        new IdempotencyKey(
            value,
            BatchEncoder.sha256Hex(CanonicalJson.of(body).getBytes(StandardCharsets.UTF_8))));
  }
}
