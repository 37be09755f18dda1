package io.airlock.transfer.query;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * What the query grammar accepts at one position of a query's JSON. A shape names every member an
 * object may have and the type and bounds of every value, so anything the grammar does not spell
 * out cannot be written: there is no "any JSON" shape. {@link QueryGrammar} builds its tables from
 * these; {@link GrammarWalk} checks a query against them.
 */
public sealed interface Shape {

  /** What a value of this shape is, as a message and the documentation say it. */
  String describe();

  /**
   * A string of at most {@code maxLength} characters that passes {@code rule}.
   *
   * @param rule what else the text must satisfy, with its {@link TextRule#describe() description}
   */
  record Text(int maxLength, TextRule rule) implements Shape {
    @Override
    public String describe() {
      String base = "a string of at most " + maxLength + " characters";
      return rule == TextRule.ANY ? base : base + ", " + rule.describe();
    }
  }

  /** An integer from {@code min} to {@code max}. */
  record Int(long min, long max) implements Shape {
    @Override
    public String describe() {
      return "an integer from " + min + " to " + max;
    }
  }

  /** A number (integer or decimal) from {@code min} to {@code max}. */
  record Decimal(double min, double max) implements Shape {
    @Override
    public String describe() {
      return "a number from " + CanonicalJson.number(min) + " to " + CanonicalJson.number(max);
    }
  }

  /** {@code true} or {@code false}, or only {@code fixed} when it is set. */
  record Flag(Optional<Boolean> fixed) implements Shape {
    @Override
    public String describe() {
      return fixed.map(value -> "only " + value).orElse("true or false");
    }
  }

  /** One of a fixed set of words. */
  record Word(List<String> words) implements Shape {
    @Override
    public String describe() {
      return "one of " + String.join(", ", words);
    }
  }

  /** A term to match: a string of at most {@code maxLength} characters, a number or a boolean. */
  record Value(int maxLength) implements Shape {
    @Override
    public String describe() {
      return "a string (at most " + maxLength + " characters), number or boolean";
    }
  }

  /** A field name of the queried index, of the given kind. */
  record Field(FieldKind kind) implements Shape {
    @Override
    public String describe() {
      return kind.describe();
    }
  }

  /**
   * A list of {@code min} to {@code max} elements.
   *
   * @param note said when something else is given, e.g. why an object is not a list here
   */
  record ListOf(Shape element, int min, int max, String note) implements Shape {
    @Override
    public String describe() {
      return "a list of " + (min > 0 ? min + " to " : "up to ") + max + " × " + element.describe();
    }
  }

  /** One element, or a list of up to {@code max} of them. */
  record OneOrList(Shape element, int max) implements Shape {
    @Override
    public String describe() {
      return element.describe() + ", or a list of up to " + max;
    }
  }

  /** The first alternative whose JSON type fits the value: a string, a number, an object... */
  record Either(List<Shape> alternatives) implements Shape {
    @Override
    public String describe() {
      return alternatives.stream().map(Shape::describe).collect(Collectors.joining("; or "));
    }
  }

  /**
   * An object with named members, each of its own shape.
   *
   * @param context what the object is, for messages ("match", "a search")
   * @param members the members allowed, in the order the documentation lists them
   * @param required the members that must be present
   * @param defaults members written into the query when it leaves them out, so that a setting the
   *     engine would otherwise default unsafely is always explicit (query_string's leading
   *     wildcard, a histogram's empty buckets)
   */
  record Params(
      String context,
      Map<String, Shape> members,
      Set<String> required,
      Map<String, JsonNode> defaults)
      implements Shape {
    @Override
    public String describe() {
      return "an object with " + String.join(", ", members.keySet());
    }
  }

  /**
   * An object naming exactly one field of the index, of kind {@code key}, whose value has shape
   * {@code value}, beside the members of {@code params}: {@code {"title": [...], "boost": 2}}.
   */
  record FieldKeyed(String context, FieldKind key, Shape value, Params params) implements Shape {
    @Override
    public String describe() {
      return "an object with one field name, and " + String.join(", ", params.members().keySet());
    }
  }

  /** An object of up to {@code max} members whose names have shape {@code key}. */
  record Named(Shape key, Shape value, int max) implements Shape {
    @Override
    public String describe() {
      return "an object of up to " + max + " names";
    }
  }

  /** One query clause of the grammar's clause table, e.g. {@code {"match": {...}}}. */
  record Query() implements Shape {
    @Override
    public String describe() {
      return "a query clause";
    }
  }

  /** Named aggregations of the grammar's aggregation table, each with its sub-aggregations. */
  record Aggregations() implements Shape {
    @Override
    public String describe() {
      return "an object of named aggregations";
    }
  }
}
