package io.airlock.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a PromQL expression against a real scrape: each series it selects exists, with each label
 * its matchers and its {@code by (...)} clauses name, and each value an equality matcher asks for.
 * Enough of PromQL for dashboards and alert rules, not a parser of all of it.
 */
final class PromQl {

  private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");
  private static final Pattern SELECTOR =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(\\{([^}]*)})?(\\s*\\()?");
  private static final Pattern MATCHER =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"([^\"]*)\"");
  private static final Set<String> KEYWORDS =
      Set.of("by", "without", "and", "or", "unless", "offset", "on", "ignoring", "bool");
  // Written by Prometheus itself, never by a side.
  private static final Set<String> SYNTHETIC = Set.of("up");

  private PromQl() {}

  static void check(String expression, Scrape scrape) {
    List<String> grouping = new ArrayList<>();
    Matcher groups = GROUPING.matcher(expression);
    while (groups.find()) {
      for (String label : groups.group(1).split(",")) {
        if (!label.isBlank()) {
          grouping.add(label.strip());
        }
      }
    }
    // Ranges ([5m]) and the grouping clauses hold no series.
    String selectors = GROUPING.matcher(expression).replaceAll(" ").replaceAll("\\[[^]]*]", " ");
    List<String> metrics = new ArrayList<>();
    Matcher selector = SELECTOR.matcher(selectors);
    while (selector.find()) {
      String name = selector.group(1);
      boolean function = selector.group(4) != null && selector.group(2) == null;
      if (function
          || KEYWORDS.contains(name)
          || SYNTHETIC.contains(name)
          || precededByDigit(selectors, selector.start())) {
        continue;
      }
      List<Scrape.Series> series = scrape.named(name);
      assertThat(series).as("%s in %s", name, expression).isNotEmpty();
      metrics.add(name);
      if (selector.group(3) != null) {
        Matcher matcher = MATCHER.matcher(selector.group(3));
        while (matcher.find()) {
          String label = matcher.group(1);
          assertThat(series)
              .as("label %s of %s in %s", label, name, expression)
              .anySatisfy(s -> assertThat(s.labels()).containsKey(label));
          if (matcher.group(2).equals("=") && !matcher.group(3).isEmpty()) {
            assertThat(series)
                .as("%s=\"%s\" of %s in %s", label, matcher.group(3), name, expression)
                .anySatisfy(s -> assertThat(s.labels()).containsEntry(label, matcher.group(3)));
          }
        }
      }
    }
    for (String label : grouping) {
      assertThat(metrics)
          .as("label %s grouped by in %s", label, expression)
          .anySatisfy(
              name ->
                  assertThat(scrape.named(name))
                      .anySatisfy(s -> assertThat(s.labels()).containsKey(label)));
    }
  }

  private static boolean precededByDigit(String text, int at) {
    return at > 0 && Character.isDigit(text.charAt(at - 1));
  }
}
