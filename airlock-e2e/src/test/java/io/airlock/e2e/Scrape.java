package io.airlock.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of a side's {@code /actuator/prometheus}, parsed from the text format into series. */
final class Scrape {

  /** One line of the scrape: a series' name, its labels and its value. */
  record Series(String name, Map<String, String> labels, double value) {}

  private static final Pattern LINE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\d+)?$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final List<Series> series;

  private Scrape(List<Series> series) {
    this.series = series;
  }

  static Scrape parse(String text) {
    List<Series> series = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher matcher = LINE.matcher(line.strip());
      if (!matcher.matches()) {
        throw new IllegalArgumentException("Not a series: " + line);
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (matcher.group(2) != null) {
        Matcher label = LABEL.matcher(matcher.group(2));
        while (label.find()) {
          labels.put(label.group(1), label.group(2));
        }
      }
      series.add(new Series(matcher.group(1), labels, Double.parseDouble(matcher.group(3))));
    }
    return new Scrape(series);
  }

  /** Both scrapes as one, as a Prometheus scraping both sides sees them. */
  Scrape and(Scrape other) {
    List<Series> both = new ArrayList<>(series);
    both.addAll(other.series);
    return new Scrape(both);
  }

  List<Series> named(String name) {
    return series.stream().filter(s -> s.name().equals(name)).toList();
  }

  /**
   * The sum of the series of that name whose labels include all of {@code labels} (given as name,
   * value, name, value...); 0 when there is none.
   */
  double sum(String name, String... labels) {
    return named(name).stream()
        .filter(
            s -> {
              for (int i = 0; i < labels.length; i += 2) {
                if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
                  return false;
                }
              }
              return true;
            })
        .mapToDouble(Series::value)
        .sum();
  }
}
