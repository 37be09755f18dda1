package io.airlock.transfer.query;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks a query's JSON against the {@link QueryGrammar}, narrowed by a {@link QueryPolicy}, and
 * reports the first value that breaks it with its path ({@code query_params.query.bool.filter[0]
 * .terms.severity}). Members are visited in the order the tree holds them; {@link QueryRules} hands
 * it the canonical (sorted) tree, so the first failure does not depend on how the client ordered
 * its members.
 *
 * <p>The walk recurses along the tree: {@link QueryRules} has bounded its depth first. It writes
 * the grammar's forced defaults ({@link Shape.Params#defaults()}) into the tree it checks, each
 * object that takes one kept in canonical order.
 */
final class GrammarWalk {

  private final QueryPolicy policy;

  GrammarWalk(QueryPolicy policy) {
    this.policy = policy;
  }

  /** The first failure of {@code node} against {@code shape}, or empty if it passes. */
  Optional<QueryCheck.Invalid> check(Shape shape, JsonNode node, String root) {
    return visit(shape, node, new Path(null, root), new Nesting(0, 1));
  }

  /** Where a value lies, built into text only for a failure. */
  private record Path(Path parent, String segment) {
    Path member(String name) {
      return new Path(this, "." + name);
    }

    Path element(int index) {
      return new Path(this, "[" + index + "]");
    }

    @Override
    public String toString() {
      return parent == null ? segment : parent + segment;
    }
  }

  /** How deep the aggregations around a value are, and the product of their buckets. */
  private record Nesting(int depth, long buckets) {}

  private Optional<QueryCheck.Invalid> visit(Shape shape, JsonNode node, Path path, Nesting n) {
    if (shape instanceof Shape.Text text) {
      return text(text, node, path);
    }
    if (shape instanceof Shape.Int range) {
      return node.isIntegralNumber()
              && node.bigIntegerValue().compareTo(BigInteger.valueOf(range.min())) >= 0
              && node.bigIntegerValue().compareTo(BigInteger.valueOf(range.max())) <= 0
          ? Optional.empty()
          : mustBe(shape, path);
    }
    if (shape instanceof Shape.Decimal range) {
      double value = asDouble(node);
      return node.isNumber()
              && Double.isFinite(value)
              && value >= range.min()
              && value <= range.max()
          ? Optional.empty()
          : mustBe(shape, path);
    }
    if (shape instanceof Shape.Flag flag) {
      return node.isBoolean() && flag.fixed().map(f -> f == node.booleanValue()).orElse(true)
          ? Optional.empty()
          : mustBe(shape, path);
    }
    if (shape instanceof Shape.Word word) {
      return node.isString() && word.words().contains(node.stringValue())
          ? Optional.empty()
          : mustBe(shape, path);
    }
    if (shape instanceof Shape.Value value) {
      boolean fits =
          node.isString() && node.stringValue().length() <= value.maxLength()
              || node.isBoolean()
              || node.isIntegralNumber()
              || node.isNumber() && Double.isFinite(asDouble(node));
      return fits ? Optional.empty() : mustBe(shape, path);
    }
    if (shape instanceof Shape.Field field) {
      return node.isString()
          ? fail(path, field.kind().problem(node.stringValue()))
          : mustBe(shape, path);
    }
    if (shape instanceof Shape.ListOf list) {
      return list(list, node, path, n);
    }
    if (shape instanceof Shape.OneOrList oneOrList) {
      return node.isArray()
          ? list(new Shape.ListOf(oneOrList.element(), 0, oneOrList.max(), ""), node, path, n)
          : visit(oneOrList.element(), node, path, n);
    }
    if (shape instanceof Shape.Either either) {
      for (Shape alternative : either.alternatives()) {
        if (fitsType(alternative, node)) {
          return visit(alternative, node, path, n);
        }
      }
      return mustBe(shape, path);
    }
    if (shape instanceof Shape.Params params) {
      return params(params, node, path, n);
    }
    if (shape instanceof Shape.FieldKeyed keyed) {
      return fieldKeyed(keyed, node, path, n);
    }
    if (shape instanceof Shape.Named named) {
      return named(named, node, path, n);
    }
    if (shape instanceof Shape.Query) {
      return query(node, path, n);
    }
    return aggregations(node, path, n);
  }

  // Jackson's doubleValue() throws for a decimal beyond a double's range (1e400): such a value,
  // which no cache key could hold either, is infinite here and so refused.
  private static double asDouble(JsonNode node) {
    if (!node.isNumber()) {
      return Double.NaN;
    }
    return node.isBigDecimal() ? node.decimalValue().doubleValue() : node.doubleValue();
  }

  private static Optional<QueryCheck.Invalid> text(Shape.Text text, JsonNode node, Path path) {
    if (!node.isString() || node.stringValue().length() > text.maxLength()) {
      return mustBe(text, path);
    }
    return fail(path, text.rule().problem(node.stringValue()));
  }

  private Optional<QueryCheck.Invalid> list(
      Shape.ListOf list, JsonNode node, Path path, Nesting n) {
    if (!node.isArray()) {
      return Optional.of(
          new QueryCheck.Invalid(
              path.toString(),
              "must be " + list.describe() + (list.note().isEmpty() ? "" : "; " + list.note())));
    }
    if (node.size() < list.min() || node.size() > list.max()) {
      return Optional.of(
          new QueryCheck.Invalid(
              path.toString(),
              "must hold "
                  + list.min()
                  + " to "
                  + list.max()
                  + " elements (it holds "
                  + node.size()
                  + ")"));
    }
    for (int i = 0; i < node.size(); i++) {
      Optional<QueryCheck.Invalid> problem = visit(list.element(), node.get(i), path.element(i), n);
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }

  private Optional<QueryCheck.Invalid> params(
      Shape.Params params, JsonNode node, Path path, Nesting n) {
    if (!node.isObject()) {
      return mustBe(params, path);
    }
    // Every member's name before any member's value: a stray member is named as such, rather than
    // hidden behind a fault in the value of another.
    for (String name : node.propertyNames()) {
      if (!params.members().containsKey(name)) {
        return Optional.of(notAParameter(params, name, path));
      }
    }
    for (Map.Entry<String, JsonNode> member : node.properties()) {
      Shape shape = params.members().get(member.getKey());
      Optional<QueryCheck.Invalid> problem =
          visit(shape, member.getValue(), path.member(member.getKey()), n);
      if (problem.isPresent()) {
        return problem;
      }
    }
    for (String required : params.required()) {
      if (!node.has(required)) {
        return Optional.of(
            new QueryCheck.Invalid(
                path.toString(), "must have " + required + " (" + params.context() + ")"));
      }
    }
    if (!params.defaults().isEmpty()) {
      ObjectNode object = (ObjectNode) node;
      params.defaults().forEach(object::putIfAbsent);
      // Kept canonical: QueryRules hands the tree on as it is.
      CanonicalJson.sortMembers(object);
    }
    return Optional.empty();
  }

  private Optional<QueryCheck.Invalid> fieldKeyed(
      Shape.FieldKeyed keyed, JsonNode node, Path path, Nesting n) {
    if (!node.isObject()) {
      return mustBe(keyed, path);
    }
    String field = null;
    for (Map.Entry<String, JsonNode> member : node.properties()) {
      String key = member.getKey();
      Shape param = keyed.params().members().get(key);
      Optional<QueryCheck.Invalid> problem;
      if (param != null) {
        problem = visit(param, member.getValue(), path.member(key), n);
      } else if (field != null) {
        problem = Optional.of(secondField(keyed, key, path));
      } else {
        field = key;
        problem = fail(path.member(key), keyed.key().problem(key).map(reason -> reason + why(key)));
        if (problem.isEmpty()) {
          problem = visit(keyed.value(), member.getValue(), path.member(key), n);
        }
      }
      if (problem.isPresent()) {
        return problem;
      }
    }
    if (field == null) {
      return Optional.of(
          new QueryCheck.Invalid(path.toString(), "must name a field (" + keyed.context() + ")"));
    }
    for (String required : keyed.params().required()) {
      if (!node.has(required)) {
        return Optional.of(
            new QueryCheck.Invalid(
                path.toString(), "must have " + required + " (" + keyed.context() + ")"));
      }
    }
    return Optional.empty();
  }

  private Optional<QueryCheck.Invalid> named(
      Shape.Named named, JsonNode node, Path path, Nesting n) {
    if (!node.isObject()) {
      return mustBe(named, path);
    }
    if (node.size() > named.max()) {
      return Optional.of(
          new QueryCheck.Invalid(
              path.toString(),
              "must hold at most " + named.max() + " members (it holds " + node.size() + ")"));
    }
    for (Map.Entry<String, JsonNode> member : node.properties()) {
      Path at = path.member(member.getKey());
      Optional<QueryCheck.Invalid> problem = name(named.key(), member.getKey(), at);
      if (problem.isEmpty()) {
        problem = visit(named.value(), member.getValue(), at, n);
      }
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }

  private Optional<QueryCheck.Invalid> query(JsonNode node, Path path, Nesting n) {
    if (!node.isObject() || node.size() != 1) {
      return Optional.of(
          new QueryCheck.Invalid(
              path.toString(),
              "must be an object holding exactly one query clause, such as {\"match_all\":{}}"));
    }
    Map.Entry<String, JsonNode> only = node.properties().iterator().next();
    String name = only.getKey();
    QueryGrammar.Clause clause = QueryGrammar.clauseTable().get(name);
    Path at = path.member(name);
    if (clause == null) {
      return Optional.of(
          new QueryCheck.Invalid(
              at.toString(), "is not a query clause the grammar allows" + why(name)));
    }
    if (policy.refusedClauses().contains(name)) {
      return Optional.of(
          new QueryCheck.Invalid(at.toString(), "is refused by this deployment's query policy"));
    }
    return visit(clause.body(), only.getValue(), at, n);
  }

  private Optional<QueryCheck.Invalid> aggregations(JsonNode node, Path path, Nesting n) {
    if (!node.isObject()) {
      return mustBe(new Shape.Aggregations(), path);
    }
    if (n.depth() + 1 > policy.maxAggregationDepth()) {
      return Optional.of(
          new QueryCheck.Invalid(
              path.toString(),
              "nests aggregations "
                  + (n.depth() + 1)
                  + " levels deep; at most "
                  + policy.maxAggregationDepth()
                  + " are allowed"));
    }
    for (Map.Entry<String, JsonNode> member : node.properties()) {
      Path at = path.member(member.getKey());
      Optional<QueryCheck.Invalid> problem = name(GrammarShapes.NAME, member.getKey(), at);
      if (problem.isEmpty()) {
        problem = aggregation(member.getValue(), at, n);
      }
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }

  private Optional<QueryCheck.Invalid> aggregation(JsonNode node, Path path, Nesting n) {
    if (!node.isObject()) {
      return Optional.of(
          new QueryCheck.Invalid(path.toString(), "must be an object holding one aggregation"));
    }
    List<String> types = new ArrayList<>();
    for (Map.Entry<String, JsonNode> member : node.properties()) {
      if (!member.getKey().equals("aggs")) {
        types.add(member.getKey());
      }
    }
    if (types.size() != 1) {
      return Optional.of(
          new QueryCheck.Invalid(
              path.toString(),
              "must hold exactly one aggregation (and its aggs), not " + types.size()));
    }
    String type = types.get(0);
    Path at = path.member(type);
    QueryGrammar.Aggregation aggregation = QueryGrammar.aggregationTable().get(type);
    if (aggregation == null) {
      return Optional.of(
          new QueryCheck.Invalid(
              at.toString(), "is not an aggregation the grammar allows" + why(type)));
    }
    if (policy.refusedAggregations().contains(type)) {
      return Optional.of(
          new QueryCheck.Invalid(at.toString(), "is refused by this deployment's query policy"));
    }
    JsonNode body = node.get(type);
    Optional<QueryCheck.Invalid> problem = visit(aggregation.body(), body, at, n);
    if (problem.isPresent()) {
      return problem;
    }
    long buckets = n.buckets() * Math.max(1, aggregation.buckets().applyAsLong(body));
    if (buckets > policy.bucketBudget()) {
      return Optional.of(
          new QueryCheck.Invalid(
              at.toString(),
              "asks for up to "
                  + buckets
                  + " buckets with the aggregations around it; the bucket budget is "
                  + policy.bucketBudget()));
    }
    JsonNode sub = node.get("aggs");
    if (sub == null) {
      return Optional.empty();
    }
    if (!aggregation.bucket()) {
      return Optional.of(
          new QueryCheck.Invalid(
              path.member("aggs").toString(),
              "is not allowed: " + type + " makes no buckets to aggregate"));
    }
    return aggregations(sub, path.member("aggs"), new Nesting(n.depth() + 1, buckets));
  }

  private static Optional<QueryCheck.Invalid> name(Shape key, String name, Path at) {
    if (key instanceof Shape.Field field) {
      return fail(at, field.kind().problem(name));
    }
    Shape.Text text = (Shape.Text) key;
    if (name.length() > text.maxLength()) {
      return Optional.of(
          new QueryCheck.Invalid(
              at.toString(), "is longer than " + text.maxLength() + " characters"));
    }
    return fail(at, text.rule().problem(name));
  }

  // Whether the value has the JSON type the shape takes, to choose among an Either's alternatives.
  private static boolean fitsType(Shape shape, JsonNode node) {
    if (shape instanceof Shape.Text
        || shape instanceof Shape.Word
        || shape instanceof Shape.Field) {
      return node.isString();
    }
    if (shape instanceof Shape.Int || shape instanceof Shape.Decimal) {
      return node.isNumber();
    }
    if (shape instanceof Shape.Flag) {
      return node.isBoolean();
    }
    if (shape instanceof Shape.Value) {
      return node.isString() || node.isNumber() || node.isBoolean();
    }
    if (shape instanceof Shape.ListOf) {
      return node.isArray();
    }
    if (shape instanceof Shape.OneOrList oneOrList) {
      return node.isArray() || fitsType(oneOrList.element(), node);
    }
    if (shape instanceof Shape.Either either) {
      return either.alternatives().stream().anyMatch(a -> fitsType(a, node));
    }
    return node.isObject();
  }

  private static QueryCheck.Invalid notAParameter(Shape.Params params, String key, Path path) {
    List<String> allowed = List.copyOf(params.members().keySet());
    String list =
        allowed.isEmpty()
            ? "it takes nothing else"
            : allowed.size() == 1
                ? "only " + allowed.get(0) + " is"
                : "allowed: " + String.join(", ", allowed);
    return new QueryCheck.Invalid(
        path.member(key).toString(),
        "is not allowed in " + params.context() + " (" + list + ")" + why(key));
  }

  private static QueryCheck.Invalid secondField(Shape.FieldKeyed keyed, String key, Path path) {
    List<String> params = List.copyOf(keyed.params().members().keySet());
    return new QueryCheck.Invalid(
        path.member(key).toString(),
        "is not allowed in "
            + keyed.context()
            + ", which takes one field"
            + (params.isEmpty() ? "" : " and " + String.join(", ", params))
            + why(key));
  }

  private static String why(String key) {
    return QueryGrammar.whyLeftOut(key).map(reason -> ": " + reason).orElse("");
  }

  private static Optional<QueryCheck.Invalid> mustBe(Shape shape, Path path) {
    return Optional.of(new QueryCheck.Invalid(path.toString(), "must be " + shape.describe()));
  }

  private static Optional<QueryCheck.Invalid> fail(Path path, Optional<String> problem) {
    return problem.map(reason -> new QueryCheck.Invalid(path.toString(), reason));
  }
}
