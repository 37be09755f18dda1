package io.airlock.responseside.operator;

import io.airlock.console.Charts;
import io.airlock.console.ConsolePages;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The operator's dashboard: {@link OperatorDashboard}, as {@code GET /admin/dashboard} gives it,
 * with the charts of {@link OperatorSeries}, as {@code GET /stats/timeseries} gives them.
 */
@ConsolePages
class DashboardPages {

  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
  static final DateTimeFormatter HOUR =
      DateTimeFormatter.ofPattern("MM-dd HH:00").withZone(ZoneOffset.UTC);

  private final OperatorDashboard dashboard;
  private final OperatorSeries series;

  DashboardPages(OperatorDashboard dashboard, OperatorSeries series) {
    this.dashboard = dashboard;
    this.series = series;
  }

  @GetMapping("/console")
  String dashboard(@RequestParam(defaultValue = "hour") String range, Model model) {
    Map<String, OperatorSeries.Series> charts =
        series.of(List.of("answers", "execution", "cache-hit-ratio", "failures"), range);
    OperatorSeries.Series answers = charts.get("answers");
    DateTimeFormatter bucket = "day".equals(range) ? HOUR : MINUTE;
    model.addAttribute("range", answers.range());
    OperatorDashboard.Dashboard now = dashboard.now();
    model.addAttribute("dashboard", now);
    model.addAttribute(
        "queued",
        now.queue().depth().stream().filter(depth -> depth.status().equals("queued")).toList());
    model.addAttribute("answers", line(answers, bucket));
    model.addAttribute("execution", line(charts.get("execution"), bucket));
    model.addAttribute("hitRatio", line(percent(charts.get("cache-hit-ratio")), bucket));
    OperatorSeries.Series failures = charts.get("failures");
    model.addAttribute("anyFailure", !failures.labels().isEmpty());
    model.addAttribute(
        "failures", Charts.bar(failures.labels(), failures.series().get("failures")));
    return "response/dashboard";
  }

  /** The ratios as percentages, which the chart's whole-number axis shows. */
  private static OperatorSeries.Series percent(OperatorSeries.Series ratios) {
    Map<String, List<Number>> percents = new LinkedHashMap<>();
    ratios
        .series()
        .forEach(
            (name, values) ->
                percents.put(
                    name + " %",
                    values.stream()
                        .map(v -> v == null ? null : (Number) Math.round(v.doubleValue() * 100))
                        .toList()));
    return new OperatorSeries.Series(ratios.metric(), ratios.range(), ratios.labels(), percents);
  }

  /** A line chart of the series, each bucket labelled by its start (UTC). */
  static String line(OperatorSeries.Series data, DateTimeFormatter bucket) {
    List<String> labels =
        data.labels().stream().map(start -> bucket.format(Instant.parse(start)) + " UTC").toList();
    return Charts.line(labels, new LinkedHashMap<String, List<? extends Number>>(data.series()));
  }
}
