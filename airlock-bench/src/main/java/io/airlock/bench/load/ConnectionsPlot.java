package io.airlock.bench.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

/** Throughput and latency against connections, as a PNG. */
final class ConnectionsPlot {

  private ConnectionsPlot() {}

  /** Writes {@code file} (a .png) from closed-loop runs at rising connection counts. */
  static void write(Path file, String title, List<ClosedLoop.Outcome> runs) throws IOException {
    XYChart chart =
        new XYChartBuilder()
            .width(900)
            .height(500)
            .title(title)
            .xAxisTitle("connections")
            .yAxisTitle("calls per second")
            .build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    chart.getStyler().setXAxisLogarithmic(true);
    chart.setYAxisGroupTitle(1, "latency (ms)");
    double[] connections = runs.stream().mapToDouble(ClosedLoop.Outcome::connections).toArray();
    chart.addSeries(
        "calls per second", connections, runs.stream().mapToDouble(r -> r.perSecond()).toArray());
    for (double percentile : new double[] {50, 99}) {
      XYSeries latency =
          chart.addSeries(
              "p%.0f latency (ms)".formatted(percentile),
              connections,
              runs.stream().mapToDouble(r -> r.percentileMs(percentile)).toArray());
      latency.setYAxisGroup(1);
    }
    String name = file.toString();
    BitmapEncoder.saveBitmap(
        chart, name.substring(0, name.length() - ".png".length()), BitmapEncoder.BitmapFormat.PNG);
  }
}
