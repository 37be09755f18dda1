package io.airlock.searchnode.node;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GENERATED sample data, not real events: {@value #COUNT} security-incident reports about the
 * generated {@link GeneratedAssets assets}, drawn from a fixed seed so every node holds the same
 * documents.
 */
final class GeneratedIncidents {

  static final String INDEX = "incidents";
  static final int COUNT = 3000;
  static final long SEED = 0x5EED_1C1DL;

  private static final List<String> SEVERITIES = List.of("low", "medium", "high", "critical");
  private static final int[] SEVERITY_WEIGHTS = {35, 35, 22, 8};
  // Score bands per severity, in the order of SEVERITIES, like CVSS ratings.
  private static final double[][] SCORE_BANDS = {{0.1, 3.9}, {4.0, 6.9}, {7.0, 8.9}, {9.0, 10.0}};
  private static final List<String> ANALYSTS =
      List.of(
          "a.okafor",
          "b.lindqvist",
          "c.moreau",
          "d.tanaka",
          "e.novak",
          "f.haddad",
          "g.silva",
          "h.kowalski",
          "i.mensah",
          "j.oconnor",
          "k.ivanova",
          "l.nguyen");
  private static final List<String> ACTIONS =
      List.of(
          "The host was isolated from the network while the investigation continued.",
          "Firewall rules were updated to block the related addresses.",
          "Logs from the past thirty days were collected for review.",
          "The affected user completed a security awareness refresher.",
          "Indicators of compromise were shared with the threat intelligence team.",
          "A ticket was opened with the owning team to track remediation.",
          "No evidence of data loss was found.",
          "Backups were verified before any remediation steps were taken.");
  private static final List<String> OUTCOMES =
      List.of(
          "Impact was assessed as low and the case was closed after review.",
          "Impact was assessed as moderate and follow-up actions are tracked.",
          "Impact was assessed as high and the incident was escalated to the on-call lead.",
          "The incident was declared critical and the response team was mobilised.");
  private static final Instant YEAR_START = Instant.parse("2024-01-01T00:00:00Z");
  private static final Instant YEAR_END = Instant.parse("2025-01-01T00:00:00Z");

  private GeneratedIncidents() {}

  static List<Map<String, Object>> generate(List<Map<String, Object>> assets) {
    SampleDraw draw = new SampleDraw(SEED);
    List<IncidentCategory> categories = List.of(IncidentCategory.values());
    int[] categoryWeights = categories.stream().mapToInt(category -> category.weight).toArray();
    List<Map<String, Object>> incidents = new ArrayList<>(COUNT);
    for (int i = 0; i < COUNT; i++) {
      IncidentCategory category = draw.weighted(categories, categoryWeights);
      int severity = SEVERITIES.indexOf(draw.weighted(SEVERITIES, SEVERITY_WEIGHTS));
      Map<String, Object> asset = draw.any(assets);
      Map<String, String> slots =
          Map.of(
              "{host}", (String) asset.get("hostname"),
              "{site}", (String) asset.get("location"),
              "{team}", (String) asset.get("owner"));
      Map<String, Object> incident = new LinkedHashMap<>();
      incident.put("id", null); // numbered below, once sorted by time
      incident.put("title", fill(draw.any(category.titles), slots));
      incident.put("description", fill(description(draw, category, severity), slots));
      incident.put("severity", SEVERITIES.get(severity));
      incident.put("category", category.keyword());
      incident.put("reported_at", draw.between(YEAR_START, YEAR_END).toString());
      incident.put("site", asset.get("location"));
      incident.put("hostname", asset.get("hostname"));
      incident.put("analyst", draw.any(ANALYSTS));
      incident.put("score", draw.tenths(SCORE_BANDS[severity][0], SCORE_BANDS[severity][1]));
      incidents.add(incident);
    }
    // Numbers rise with time, as in a real ticket system. ISO-8601 instants sort as text.
    incidents.sort(Comparator.comparing(incident -> (String) incident.get("reported_at")));
    for (int i = 0; i < incidents.size(); i++) {
      incidents.get(i).put("id", "INC-%05d".formatted(i + 1));
    }
    return incidents;
  }

  private static String description(SampleDraw draw, IncidentCategory category, int severity) {
    StringBuilder text = new StringBuilder();
    text.append(draw.any(category.openings)).append(' ').append(draw.any(category.details));
    String action = draw.any(ACTIONS);
    text.append(' ').append(action);
    if (draw.upTo(2) == 0) {
      String second = draw.any(ACTIONS);
      if (!second.equals(action)) {
        text.append(' ').append(second);
      }
    }
    return text.append(' ').append(OUTCOMES.get(severity)).toString();
  }

  private static String fill(String template, Map<String, String> slots) {
    String text = template;
    for (Map.Entry<String, String> slot : slots.entrySet()) {
      text = text.replace(slot.getKey(), slot.getValue());
    }
    return text;
  }
}
