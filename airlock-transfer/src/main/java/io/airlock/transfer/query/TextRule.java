package io.airlock.transfer.query;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a string in a query must satisfy beyond its length: the bounds on patterns that could make
 * the engine walk every term of an index, and the syntax of the small languages some parameters
 * take (time values, fuzziness, flags), so that nothing unexpected hides in them.
 */
public enum TextRule {
  /** Any text. */
  ANY("", text -> Optional.empty()),
  /** A name the client chooses (of an aggregation, a filter, a source). */
  NAME(
      "without [, ] or >",
      text -> Rules.refuse(text, Rules.NAME, "must not be empty or contain [, ] or >")),
  /** An analyzer's name: letters, digits, {@code _}, {@code -} and {@code .}. */
  ANALYZER(
      "letters, digits, _ - .",
      text -> Rules.refuse(text, Rules.ANALYZER, "must be an analyzer's name")),
  /** A time zone: an offset or an IANA name. */
  TIME_ZONE(
      "an offset (+01:00) or a zone name (Europe/Paris)",
      text ->
          Rules.refuse(
              text, Rules.TIME_ZONE, "must be a time zone such as +01:00 or Europe/Paris")),
  /** A search timeout: an Elasticsearch time value of at most {@link QueryRules#MAX_TIMEOUT}. */
  SEARCH_TIMEOUT("a time value (500ms, 5s) of at most 30s", Rules::searchTimeout),
  /** A fixed interval of a histogram: a positive time value. */
  INTERVAL(
      "a time value such as 30m or 1d",
      text -> Rules.refuse(text, Rules.INTERVAL, "must be a time value such as 30m or 1d")),
  /**
   * A {@code wildcard} pattern: at most {@value Rules#MAX_WILDCARDS} of {@code *} and {@code ?},
   * and not first, because a leading wildcard makes the engine read every term of the field.
   */
  WILDCARD("at most " + Rules.MAX_WILDCARDS + " of * and ?, none first", Rules::wildcard),
  /**
   * A {@code regexp} pattern: starting with a letter or digit (a leading {@code .*} reads every
   * term), with at most {@value Rules#MAX_OPERATORS} operators and repetitions of at most {@value
   * Rules#MAX_REPEAT}.
   */
  REGEXP(
      "starting with a letter or digit, at most "
          + Rules.MAX_OPERATORS
          + " of * + ? | { and no {n} above "
          + Rules.MAX_REPEAT,
      Rules::regexp),
  /**
   * The text of a {@code query_string} or {@code simple_query_string}: it may not name {@code
   * _index}.
   */
  QUERY_TEXT("not naming _index", Rules::queryText),
  /** {@code minimum_should_match}: {@code 2}, {@code -1}, {@code 75%}, {@code 3<90%}. */
  MINIMUM_SHOULD_MATCH(
      "such as 2, -1, 75% or 3<90%",
      text ->
          Rules.refuse(text, Rules.MINIMUM_SHOULD_MATCH, "must be such as 2, -1, 75% or 3<90%")),
  /** {@code fuzziness}: {@code AUTO}, {@code AUTO:3,6}, or 0 to 2. */
  FUZZINESS(
      "AUTO, AUTO:low,high, 0, 1 or 2",
      text -> Rules.refuse(text, Rules.FUZZINESS, "must be AUTO, AUTO:3,6, 0, 1 or 2")),
  /** The {@code flags} of a {@code simple_query_string}, joined by {@code |}. */
  SIMPLE_QUERY_FLAGS(
      "flags joined by |: " + String.join(" ", Rules.SIMPLE_FLAGS),
      text -> Rules.flags(text, Rules.SIMPLE_FLAGS)),
  /** The {@code flags} of a {@code regexp}, joined by {@code |}. */
  REGEXP_FLAGS(
      "flags joined by |: " + String.join(" ", Rules.REGEXP_FLAG_NAMES),
      text -> Rules.flags(text, Rules.REGEXP_FLAG_NAMES)),
  /** A point as text: {@code "lat,lon"}, a geohash, or {@code POINT (lon lat)}. */
  GEO_POINT(
      "\"lat,lon\", a geohash or POINT (lon lat)",
      text ->
          Rules.refuse(text, Rules.GEO_POINT, "must be \"lat,lon\", a geohash or POINT (lon lat)")),
  /** A distance with an optional unit: {@code 12km}, {@code 200m}. */
  DISTANCE(
      "a distance such as 12km or 200m",
      text -> Rules.refuse(text, Rules.DISTANCE, "must be a distance such as 12km or 200m")),
  /** A bounding box as well-known text: {@code BBOX (minLon, maxLon, maxLat, minLat)}. */
  BBOX(
      "BBOX (left, right, top, bottom)",
      text -> Rules.refuse(text, Rules.BBOX, "must be BBOX (left, right, top, bottom)"));

  private final String description;
  private final Function<String, Optional<String>> check;

  TextRule(String description, Function<String, Optional<String>> check) {
    this.description = description;
    this.check = check;
  }

  /** What the rule asks, for messages and the documentation. */
  public String describe() {
    return description;
  }

  /** Why {@code text} breaks the rule (a phrase following the field's name), or empty. */
  Optional<String> problem(String text) {
    return check.apply(text);
  }

  /** The patterns and bounds, apart from the constants so the constants can use them. */
  static final class Rules {
    static final int MAX_WILDCARDS = 4;
    static final int MAX_OPERATORS = 10;
    static final int MAX_REPEAT = 100;

    static final Pattern NAME = Pattern.compile("[^\\[\\]>]+");
    static final Pattern ANALYZER = Pattern.compile("[A-Za-z0-9_.\\-]+");
    static final Pattern TIME_ZONE =
        Pattern.compile(
            "[+\\-][0-9]{2}(:?[0-9]{2})?|[A-Za-z][A-Za-z0-9_+\\-]*(/[A-Za-z0-9_+\\-]+){0,2}");
    static final Pattern INTERVAL = Pattern.compile("[1-9][0-9]{0,5}(ms|s|m|h|d)");
    static final Pattern MINIMUM_SHOULD_MATCH =
        Pattern.compile(
            "-?[0-9]{1,4}%?|([0-9]{1,4}<-?[0-9]{1,4}%?)( [0-9]{1,4}<-?[0-9]{1,4}%?){0,3}");
    static final Pattern FUZZINESS = Pattern.compile("AUTO(:[0-9]{1,2},[0-9]{1,2})?|[0-2]");
    static final Pattern GEO_POINT =
        Pattern.compile(
            "-?[0-9]{1,3}(\\.[0-9]{1,12})?, ?-?[0-9]{1,3}(\\.[0-9]{1,12})?|[0-9b-hjkmnp-z]{1,12}|POINT ?\\( ?-?[0-9]{1,3}(\\.[0-9]{1,12})? -?[0-9]{1,3}(\\.[0-9]{1,12})? ?\\)");
    static final Pattern DISTANCE =
        Pattern.compile(
            "[0-9]{1,9}(\\.[0-9]{1,6})?(mi|miles|yd|yards|ft|feet|in|inch|km|kilometers|m|meters|cm|centimeters|mm|millimeters|NM|nmi|nauticalmiles)?");
    private static final String COORDINATE = " ?-?[0-9]{1,3}(\\.[0-9]{1,12})? ?";
    static final Pattern BBOX =
        Pattern.compile(
            "BBOX ?\\("
                + COORDINATE
                + ","
                + COORDINATE
                + ","
                + COORDINATE
                + ","
                + COORDINATE
                + "\\)");
    static final List<String> SIMPLE_FLAGS =
        List.of(
            "ALL",
            "NONE",
            "AND",
            "OR",
            "NOT",
            "PREFIX",
            "PHRASE",
            "PRECEDENCE",
            "ESCAPE",
            "WHITESPACE",
            "FUZZY",
            "NEAR",
            "SLOP");
    static final List<String> REGEXP_FLAG_NAMES =
        List.of("ALL", "ANYSTRING", "COMPLEMENT", "EMPTY", "INTERSECTION", "INTERVAL", "NONE");
    private static final Pattern REPEAT = Pattern.compile("\\{([0-9]+)(,([0-9]*))?\\}");

    private Rules() {}

    static Optional<String> refuse(String text, Pattern pattern, String problem) {
      return pattern.matcher(text).matches() ? Optional.empty() : Optional.of(problem);
    }

    static Optional<String> searchTimeout(String text) {
      Optional<Duration> duration = SearchTimeouts.parse(text);
      if (duration.isEmpty()) {
        return Optional.of("must be a time value such as \"500ms\" or \"5s\"");
      }
      if (duration.get().compareTo(QueryRules.MAX_TIMEOUT) > 0) {
        return Optional.of("must be at most 30s");
      }
      return Optional.empty();
    }

    static Optional<String> wildcard(String text) {
      if (text.startsWith("*") || text.startsWith("?")) {
        return Optional.of("must not start with * or ? (a leading wildcard reads every term)");
      }
      long wildcards = text.chars().filter(c -> c == '*' || c == '?').count();
      if (wildcards > MAX_WILDCARDS) {
        return Optional.of("must hold at most " + MAX_WILDCARDS + " of * and ?");
      }
      return Optional.empty();
    }

    static Optional<String> regexp(String text) {
      if (text.isEmpty() || !Character.isLetterOrDigit(text.charAt(0))) {
        return Optional.of(
            "must start with a letter or digit (a leading pattern reads every term)");
      }
      long operators = text.chars().filter(c -> "*+?|{".indexOf(c) >= 0).count();
      if (operators > MAX_OPERATORS) {
        return Optional.of("must hold at most " + MAX_OPERATORS + " of * + ? | {");
      }
      Matcher repeat = REPEAT.matcher(text);
      while (repeat.find()) {
        for (String bound : new String[] {repeat.group(1), repeat.group(3)}) {
          if (bound != null
              && !bound.isEmpty()
              && (bound.length() > 3 || Integer.parseInt(bound) > MAX_REPEAT)) {
            return Optional.of("must not repeat more than " + MAX_REPEAT + " times");
          }
        }
      }
      return Optional.empty();
    }

    // The query parser reads a backslash as an escape, even in a field name: _ind\ex:secret names
    // _index. Without backslashes no spelling of the name can hide.
    static Optional<String> queryText(String text) {
      return text.replace("\\", "").contains("_index")
          ? Optional.of("must not name the _index field")
          : Optional.empty();
    }

    static Optional<String> flags(String text, List<String> allowed) {
      for (String flag : text.split("\\|", -1)) {
        if (!allowed.contains(flag)) {
          return Optional.of(
              "must be flags joined by | from "
                  + String.join(", ", allowed.stream().sorted().toList()));
        }
      }
      return Optional.empty();
    }
  }
}
