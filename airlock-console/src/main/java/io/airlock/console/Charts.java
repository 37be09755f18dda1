package io.airlock.console;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Charts as data for a {@code <canvas data-chart>}, drawn by {@code console.js} with Chart.js: a
 * page never carries a script of its own (CSP), only this JSON.
 */
public final class Charts {

  private Charts() {}

  /** Bars, one per label. */
  public static String bar(List<String> labels, List<? extends Number> values) {
    return chart("bar", labels, Map.of("", values));
  }

  /** A doughnut, one slice per label. */
  public static String doughnut(List<String> labels, List<? extends Number> values) {
    return chart("doughnut", labels, Map.of("", values));
  }

  /** Lines, one per named series (in the map's order); a null value is a gap. */
  public static String line(List<String> labels, Map<String, List<? extends Number>> series) {
    return chart("line", labels, series);
  }

  private static String chart(
      String type, List<String> labels, Map<String, ? extends List<? extends Number>> series) {
    ObjectNode chart = JsonMapper.shared().createObjectNode();
    chart.put("type", type);
    ArrayNode labelArray = chart.putArray("labels");
    labels.forEach(labelArray::add);
    ArrayNode datasets = chart.putArray("datasets");
    series.forEach(
        (name, values) -> {
          ObjectNode dataset = datasets.addObject();
          dataset.put("label", name);
          ArrayNode data = dataset.putArray("data");
          values.forEach(
              value -> {
                if (value == null) {
                  data.addNull();
                } else {
                  data.add(value.doubleValue());
                }
              });
        });
    return chart.toString();
  }
}
