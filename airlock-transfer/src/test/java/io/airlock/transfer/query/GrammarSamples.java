package io.airlock.transfer.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Random query params built from the grammar's own tables, so that the property tests explore what
 * the grammar accepts rather than what a test author thought of. Besides the tree, a sample records
 * the places a refused node can be put in: query clause positions, objects of named parameters and
 * their scalar members, each with the path a refusal there must name.
 */
final class GrammarSamples {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final List<String> FIELDS = List.of("title", "severity", "score", "reported_at");

  /** Where a clause stands: {@code container.set(key or index, clause)} puts another there. */
  record ClauseSlot(String path, JsonNode container, String key, int index) {
    void replace(JsonNode clause) {
      if (container instanceof ObjectNode object) {
        object.set(key, clause);
      } else {
        ((ArrayNode) container).set(index, clause);
      }
    }
  }

  /** An object of named parameters, at {@code path}. */
  record ParamsSlot(String path, ObjectNode object) {}

  /** A member of an object of named parameters whose value is a plain scalar. */
  record ScalarSlot(String path, ObjectNode object, String key) {}

  /** A generated tree and its slots. */
  record Sample(
      ObjectNode params,
      List<ClauseSlot> clauses,
      List<ParamsSlot> objects,
      List<ScalarSlot> scalars) {}

  private final Random random;
  private final boolean everyMember;
  private final List<ClauseSlot> clauses = new ArrayList<>();
  private final List<ParamsSlot> objects = new ArrayList<>();
  private final List<ScalarSlot> scalars = new ArrayList<>();

  private GrammarSamples(Random random, boolean everyMember) {
    this.random = random;
    this.everyMember = everyMember;
  }

  /** Random search params the grammar accepts. */
  static Sample search(Random random) {
    GrammarSamples samples = new GrammarSamples(random, false);
    ObjectNode params =
        (ObjectNode) samples.value(QueryGrammar.search(), "query_params", new Budget(0, 1, 0));
    // size and from are bounded together too (from + size ≤ 10000): keep the window small.
    if (params.has("from")) {
      params.put("from", random.nextInt(100));
    }
    // Most searches have a query: the clauses are where most of the grammar is.
    if (!params.has("query") && random.nextInt(4) > 0) {
      params.set("query", samples.clause("query_params.query", new Budget(0, 1, 0)));
      samples.clauses.add(new ClauseSlot("query_params.query", params, "query", -1));
    }
    return new Sample(params, samples.clauses, samples.objects, samples.scalars);
  }

  /** A body of {@code shape} with every optional member present, at every level. */
  static JsonNode everyMember(Shape shape, long seed) {
    return new GrammarSamples(new Random(seed), true).value(shape, "x", new Budget(2, 1, 0));
  }

  /**
   * How far the sample may still go: query clauses nest at most 3 deep; aggregations at most {@link
   * QueryGrammar#MAX_AGGREGATION_DEPTH} and within the bucket budget.
   */
  private record Budget(int queryDepth, long buckets, int aggregationDepth) {}

  private JsonNode value(Shape shape, String path, Budget budget) {
    if (shape instanceof Shape.Text text) {
      return JSON.stringNode(text(text.rule()));
    }
    if (shape instanceof Shape.Int range) {
      long low = Math.max(range.min(), -5);
      long high = Math.min(range.max(), Math.max(low, 10));
      return JSON.numberNode(low + random.nextInt((int) (high - low + 1)));
    }
    if (shape instanceof Shape.Decimal range) {
      double low = Math.max(range.min(), -5);
      double high = Math.min(range.max(), low + 10);
      return JSON.numberNode(low + random.nextDouble() * (high - low));
    }
    if (shape instanceof Shape.Flag flag) {
      return JSON.booleanNode(flag.fixed().orElseGet(random::nextBoolean));
    }
    if (shape instanceof Shape.Word word) {
      return JSON.stringNode(pick(word.words()));
    }
    if (shape instanceof Shape.Value) {
      return switch (random.nextInt(3)) {
        case 0 -> JSON.stringNode(pick(List.of("critical", "disk", "a b")));
        case 1 -> JSON.numberNode(random.nextInt(1000));
        default -> JSON.booleanNode(random.nextBoolean());
      };
    }
    if (shape instanceof Shape.Field field) {
      return JSON.stringNode(field(field.kind()));
    }
    if (shape instanceof Shape.ListOf list) {
      int count = list.min() + random.nextInt(Math.min(list.max() - list.min(), 2) + 1);
      return list(list.element(), count, path, budget);
    }
    if (shape instanceof Shape.OneOrList oneOrList) {
      return random.nextBoolean()
          ? value(oneOrList.element(), path, budget)
          : list(oneOrList.element(), 1 + random.nextInt(2), path, budget);
    }
    if (shape instanceof Shape.Either either) {
      return value(pick(either.alternatives()), path, budget);
    }
    if (shape instanceof Shape.Params params) {
      ObjectNode object = params(params, path, budget);
      objects.add(new ParamsSlot(path, object));
      return object;
    }
    if (shape instanceof Shape.FieldKeyed keyed) {
      // Not a slot for a stray member: one sorted before the field would be taken as the field.
      ObjectNode object = params(keyed.params(), path, budget);
      String field = field(keyed.key());
      object.set(field, value(keyed.value(), path + "." + field, budget));
      return object;
    }
    if (shape instanceof Shape.Named named) {
      ObjectNode object = JSON.objectNode();
      int count = 1 + random.nextInt(Math.min(named.max(), 2));
      for (int i = 0; i < count; i++) {
        String name = named.key() instanceof Shape.Field field ? field(field.kind()) : "n" + i;
        if (!object.has(name)) {
          object.set(name, value(named.value(), path + "." + name, budget));
        }
      }
      return object;
    }
    if (shape instanceof Shape.Query) {
      return clause(path, budget);
    }
    return aggregations(path, budget);
  }

  private ArrayNode list(Shape element, int count, String path, Budget budget) {
    ArrayNode array = JSON.arrayNode();
    for (int i = 0; i < count; i++) {
      array.add(value(element, path + "[" + i + "]", budget));
      if (element instanceof Shape.Query) {
        clauses.add(new ClauseSlot(path + "[" + i + "]", array, null, i));
      }
    }
    return array;
  }

  private ObjectNode params(Shape.Params params, String path, Budget budget) {
    ObjectNode object = JSON.objectNode();
    for (Map.Entry<String, Shape> member : params.members().entrySet()) {
      String name = member.getKey();
      if (params.required().contains(name) || everyMember || random.nextInt(4) == 0) {
        String at = path + "." + name;
        JsonNode value = value(member.getValue(), at, budget);
        object.set(name, value);
        if (plainScalar(member.getValue())) {
          scalars.add(new ScalarSlot(at, object, name));
        }
        if (member.getValue() instanceof Shape.Query
            || member.getValue() instanceof Shape.OneOrList oneOrList
                && oneOrList.element() instanceof Shape.Query
                && value.isObject()) {
          clauses.add(new ClauseSlot(at, object, name, -1));
        }
      }
    }
    return object;
  }

  private JsonNode clause(String path, Budget budget) {
    List<QueryGrammar.Clause> choices =
        QueryGrammar.clauseTable().values().stream()
            .filter(clause -> budget.queryDepth() < 3 || !nests(clause.body()))
            .toList();
    QueryGrammar.Clause clause = pick(choices);
    ObjectNode object = JSON.objectNode();
    Budget inner = new Budget(budget.queryDepth() + 1, budget.buckets(), budget.aggregationDepth());
    object.set(clause.name(), value(clause.body(), path + "." + clause.name(), inner));
    return object;
  }

  private JsonNode aggregations(String path, Budget budget) {
    ObjectNode named = JSON.objectNode();
    int count = 1 + random.nextInt(2);
    for (int i = 0; i < count; i++) {
      String name = "agg" + i;
      String at = path + "." + name;
      QueryGrammar.Aggregation aggregation =
          pick(List.copyOf(QueryGrammar.aggregationTable().values()));
      int[] marks = {clauses.size(), objects.size(), scalars.size()};
      JsonNode body = value(aggregation.body(), at + "." + aggregation.name(), budget);
      long buckets = budget.buckets() * Math.max(1, aggregation.buckets().applyAsLong(body));
      if (buckets > QueryGrammar.MAX_BUCKET_BUDGET) {
        // Over the budget: a metric instead, and the slots of the body dropped with it.
        clauses.subList(marks[0], clauses.size()).clear();
        objects.subList(marks[1], objects.size()).clear();
        scalars.subList(marks[2], scalars.size()).clear();
        aggregation = QueryGrammar.aggregationTable().get("avg");
        body = value(aggregation.body(), at + ".avg", budget);
        buckets = budget.buckets();
      }
      ObjectNode object = JSON.objectNode();
      object.set(aggregation.name(), body);
      if (aggregation.body() instanceof Shape.Query) {
        clauses.add(new ClauseSlot(at + "." + aggregation.name(), object, aggregation.name(), -1));
      }
      if (aggregation.bucket()
          && budget.aggregationDepth() + 1 < QueryGrammar.MAX_AGGREGATION_DEPTH
          && random.nextInt(3) == 0) {
        object.set(
            "aggs",
            aggregations(
                at + ".aggs",
                new Budget(budget.queryDepth(), buckets, budget.aggregationDepth() + 1)));
      }
      named.set(name, object);
    }
    return named;
  }

  private static boolean plainScalar(Shape shape) {
    return shape instanceof Shape.Text
        || shape instanceof Shape.Int
        || shape instanceof Shape.Decimal
        || shape instanceof Shape.Flag
        || shape instanceof Shape.Word
        || shape instanceof Shape.Value
        || shape instanceof Shape.Field;
  }

  private static boolean nests(Shape shape) {
    if (shape instanceof Shape.Params params) {
      return params.members().values().stream().anyMatch(GrammarSamples::nests);
    }
    if (shape instanceof Shape.OneOrList oneOrList) {
      return nests(oneOrList.element());
    }
    if (shape instanceof Shape.ListOf list) {
      return nests(list.element());
    }
    return shape instanceof Shape.Query;
  }

  private String field(FieldKind kind) {
    String field = pick(FIELDS);
    return switch (kind) {
      case FIELD -> field;
      case TERM_FIELD -> random.nextInt(5) == 0 ? "_id" : field;
      case PATTERN -> random.nextBoolean() ? field : field.substring(0, 3) + "*";
      case BOOSTED_PATTERN -> random.nextBoolean() ? field : field + "^2";
      case SORT -> random.nextInt(4) == 0 ? "_score" : field;
    };
  }

  private String text(TextRule rule) {
    return switch (rule) {
      case ANY -> pick(List.of("disk", "yyyy-MM-dd", "a b c"));
      case NAME -> pick(List.of("by_site", "n1"));
      case ANALYZER -> pick(List.of("standard", "english"));
      case TIME_ZONE -> pick(List.of("+01:00", "Europe/Paris", "UTC"));
      case SEARCH_TIMEOUT -> pick(List.of("5s", "500ms", "30s"));
      case INTERVAL -> pick(List.of("1d", "30m"));
      case WILDCARD -> pick(List.of("cri*al", "disk", "d?s*"));
      case REGEXP -> pick(List.of("crit.*", "d[a-z]{2,5}"));
      case QUERY_TEXT -> pick(List.of("disk AND failure", "title:disk"));
      case MINIMUM_SHOULD_MATCH -> pick(List.of("75%", "2", "3<90%"));
      case FUZZINESS -> pick(List.of("AUTO", "1", "AUTO:3,6"));
      case SIMPLE_QUERY_FLAGS -> pick(List.of("OR|AND", "ALL"));
      case REGEXP_FLAGS -> pick(List.of("NONE", "INTERVAL|EMPTY"));
      case GEO_POINT -> pick(List.of("52.37,4.89", "u173z"));
      case DISTANCE -> pick(List.of("12km", "200m", "3"));
      case BBOX -> "BBOX (4.0, 5.0, 53.0, 52.0)";
    };
  }

  private <T> T pick(List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }
}
