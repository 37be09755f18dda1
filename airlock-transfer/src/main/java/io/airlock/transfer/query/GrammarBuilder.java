package io.airlock.transfer.query;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** Builds a {@link Shape.Params}: {@code object("match").required("query", VALUE).build()}. */
final class GrammarBuilder {

  private final String context;
  private final Map<String, Shape> members = new LinkedHashMap<>();
  private final Set<String> required = new LinkedHashSet<>();
  private final Map<String, JsonNode> defaults = new LinkedHashMap<>();

  private GrammarBuilder(String context) {
    this.context = context;
  }

  static GrammarBuilder object(String context) {
    return new GrammarBuilder(context);
  }

  GrammarBuilder required(String name, Shape shape) {
    members.put(name, shape);
    required.add(name);
    return this;
  }

  GrammarBuilder optional(String name, Shape shape) {
    members.put(name, shape);
    return this;
  }

  /** A flag that may only be {@code value}, and is written as {@code value} when left out. */
  GrammarBuilder forced(String name, boolean value) {
    members.put(name, new Shape.Flag(Optional.of(value)));
    defaults.put(name, JsonNodeFactory.instance.booleanNode(value));
    return this;
  }

  /** An integer of {@code range}, written as its minimum when left out. */
  GrammarBuilder atLeast(String name, Shape.Int range) {
    members.put(name, range);
    defaults.put(name, JsonNodeFactory.instance.numberNode(range.min()));
    return this;
  }

  /** The optional {@code boost} and {@code _name} that most query clauses take. */
  GrammarBuilder scored() {
    return optional("boost", GrammarShapes.BOOST).optional("_name", GrammarShapes.NAME);
  }

  Shape.Params build() {
    return new Shape.Params(
        context,
        Collections.unmodifiableMap(new LinkedHashMap<>(members)),
        Collections.unmodifiableSet(new LinkedHashSet<>(required)),
        Collections.unmodifiableMap(new LinkedHashMap<>(defaults)));
  }
}
