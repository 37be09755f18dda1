package io.airlock.transfer.query;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The kinds of field name a query may hold. Every kind names fields of the queried index only:
 * metadata fields that start with {@code _} are refused, but for the few each kind needs ({@code
 * _id} in a term or terms query, {@code _score} and {@code _doc} in a sort), so {@code _index} and
 * its like cannot be written.
 */
public enum FieldKind {
  /** One field by its full name, e.g. {@code title.raw}. */
  FIELD("a field name", Set.of(), false, false),
  /** One field by its full name, or {@code _id}: where a term is matched exactly. */
  TERM_FIELD("a field name, or _id", Set.of("_id"), false, false),
  /** A field name or a pattern with {@code *}, e.g. {@code title*}. */
  PATTERN("a field name or pattern (with *)", Set.of(), true, false),
  /** A field name or pattern with an optional boost, e.g. {@code title^2}. */
  BOOSTED_PATTERN(
      "a field name or pattern (with *), with an optional ^boost", Set.of(), true, true),
  /** A field to sort on, or {@code _score} or {@code _doc}. */
  SORT("a field name, _score or _doc", Set.of("_score", "_doc"), false, false);

  /** Longest field name accepted. */
  public static final int MAX_LENGTH = 256;

  private static final Pattern BOOST = Pattern.compile("\\^[0-9]{1,4}(\\.[0-9]{1,4})?$");

  private final String description;
  private final Set<String> metadata;
  private final boolean wildcards;
  private final boolean boost;

  FieldKind(String description, Set<String> metadata, boolean wildcards, boolean boost) {
    this.description = description;
    this.metadata = metadata;
    this.wildcards = wildcards;
    this.boost = boost;
  }

  String describe() {
    return description;
  }

  /** Why {@code name} is not a field name of this kind, or empty if it is one. */
  Optional<String> problem(String name) {
    String field = boost ? BOOST.matcher(name).replaceFirst("") : name;
    if (field.isEmpty() || field.length() > MAX_LENGTH) {
      return Optional.of("must be a field name of 1 to " + MAX_LENGTH + " characters");
    }
    if (field.startsWith("_") && !metadata.contains(field)) {
      return Optional.of(
          "must not name a metadata field (starting with _)"
              + (metadata.isEmpty()
                  ? ""
                  : "; only "
                      + String.join(", ", metadata.stream().sorted().toList())
                      + " may be named here"));
    }
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (Character.isISOControl(c) || c == ',' || c == '^' || (c == '*' && !wildcards)) {
        return Optional.of(
            "must be "
                + description
                + " (no control characters, ',' or '^'"
                + (wildcards ? ")" : " or '*')"));
      }
    }
    return Optional.empty();
  }
}
