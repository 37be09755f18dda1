package io.airlock.requestside.notifications;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a delivery tells: the request that ended, how, when it passed each stage, and where the user
 * finds it.
 *
 * @param stages by name ({@code submitted} … {@code result_received}) in order; a stage not reached
 *     is null
 * @param page the request's page in the console
 * @param responseUrl where its response is read through the API; null unless it completed
 */
record EndedRequest(
    UUID deliveryId,
    UUID requestId,
    String status,
    String statusReason,
    Map<String, Instant> stages,
    URI page,
    URI responseUrl) {

  static final List<String> STAGES =
      List.of(
          "submitted", "exported", "received", "executed", "result_exported", "result_received");

  static EndedRequest of(NotificationDeliveries.Claimed delivery, URI publicUrl, JsonMapper json) {
    String base = publicUrl.toString().replaceAll("/+$", "");
    JsonNode stored = json.readTree(delivery.stages());
    Map<String, Instant> stages = new LinkedHashMap<>();
    for (String stage : STAGES) {
      JsonNode at = stored.get(stage);
      stages.put(
          stage,
          at == null || at.isNull() ? null : OffsetDateTime.parse(at.asString()).toInstant());
    }
    return new EndedRequest(
        delivery.id(),
        delivery.requestId(),
        delivery.requestStatus(),
        delivery.statusReason(),
        stages,
        URI.create(base + "/console/requests/" + delivery.requestId()),
        "completed".equals(delivery.requestStatus())
            ? URI.create(base + "/requests/" + delivery.requestId() + "/response")
            : null);
  }
}
