package io.airlock.transfer.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.transfer.WireJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Properties of the grammar over random trees built from its own tables ({@link GrammarSamples}):
 * what it builds is accepted with a stable cache key, and a refused node put anywhere in it is
 * refused at its own path. Seeded, so a failure repeats; the seed is in the failure message.
 */
class QueryGrammarPropertyTests {

  private static final int TRIES = 600;
  private static final QueryRules RULES = QueryRules.standard();

  @Test
  void acceptsRandomTreesOfTheGrammarAndKeepsTheirCacheKey() {
    int checked = 0;
    for (int seed = 0; seed < TRIES; seed++) {
      ObjectNode params = GrammarSamples.search(new Random(seed)).params();
      if (!withinTreeBounds(params)) {
        continue;
      }
      checked++;
      QueryCheck check = RULES.check("logs", "search", params);
      assertThat(check).as("seed %d: %s", seed, params).isInstanceOf(QueryCheck.Valid.class);
      QueryCheck.Valid valid = (QueryCheck.Valid) check;

      JsonNode shuffled =
          read(WireJson.mapper().writeValueAsString(shuffle(params, new Random(seed))));
      QueryCheck.Valid again = (QueryCheck.Valid) RULES.check("logs", "search", shuffled);
      assertThat(again.cacheKey()).as("seed %d", seed).isEqualTo(valid.cacheKey());
      QueryCheck.Valid ofCanonical =
          (QueryCheck.Valid) RULES.check("logs", "search", valid.params());
      assertThat(ofCanonical.params()).as("seed %d", seed).isEqualTo(valid.params());
    }
    assertThat(checked).as("trees within the depth and size bounds").isGreaterThan(TRIES * 9 / 10);
  }

  @Test
  void refusesARefusedClausePutAtAnyClausePositionAndNamesItsPath() {
    int checked = 0;
    for (int seed = 0; seed < TRIES; seed++) {
      Random random = new Random(seed);
      GrammarSamples.Sample sample = GrammarSamples.search(random);
      if (sample.clauses().isEmpty()) {
        continue;
      }
      GrammarSamples.ClauseSlot slot = pick(sample.clauses(), random);
      RefusedQueries.Construct construct = pick(RefusedQueries.CONSTRUCTS, random);
      slot.replace(read(construct.clause()));
      if (!withinTreeBounds(sample.params())) {
        continue;
      }
      checked++;

      assertRefusedAt(sample.params(), slot.path() + construct.fault(), "seed " + seed);
    }
    assertThat(checked).isGreaterThan(TRIES / 2);
  }

  @Test
  void refusesAStrayMemberInAnyObjectAndNamesItsPath() {
    for (int seed = 0; seed < TRIES; seed++) {
      Random random = new Random(seed);
      GrammarSamples.Sample sample = GrammarSamples.search(random);
      GrammarSamples.ParamsSlot slot = pick(sample.objects(), random);
      String stray = pick(List.of("script", "_index", "index", "stored_fields", "id", "x"), random);
      slot.object().set(stray, read("{\"source\":\"1\"}"));
      if (!withinTreeBounds(sample.params())) {
        continue;
      }

      assertRefusedAt(sample.params(), slot.path() + "." + stray, "seed " + seed);
    }
  }

  @Test
  void refusesAnObjectWhereAnyScalarStandsAndNamesItsPath() {
    int checked = 0;
    for (int seed = 0; seed < TRIES; seed++) {
      Random random = new Random(seed);
      GrammarSamples.Sample sample = GrammarSamples.search(random);
      if (sample.scalars().isEmpty()) {
        continue;
      }
      GrammarSamples.ScalarSlot slot = pick(sample.scalars(), random);
      // A stored script by id, where a term, a size or a flag should be.
      slot.object().set(slot.key(), read("{\"id\":\"stored\"}"));
      if (!withinTreeBounds(sample.params())) {
        continue;
      }
      checked++;

      assertRefusedAt(sample.params(), slot.path(), "seed " + seed);
    }
    assertThat(checked).isGreaterThan(TRIES / 2);
  }

  private static void assertRefusedAt(JsonNode params, String path, String seed) {
    QueryCheck check = RULES.check("logs", "search", params);
    assertThat(check).as("%s: %s", seed, params).isInstanceOf(QueryCheck.Invalid.class);
    assertThat(((QueryCheck.Invalid) check).field()).as("%s: %s", seed, params).isEqualTo(path);
  }

  // The grammar's own verdict is what these properties are about; a tree past the plain depth or
  // size bounds would be refused for that instead.
  private static boolean withinTreeBounds(JsonNode params) {
    return depth(params) <= QueryRules.MAX_DEPTH && count(params) <= QueryRules.MAX_NODES;
  }

  private static int depth(JsonNode node) {
    int deepest = 0;
    for (JsonNode child : node.values()) {
      deepest = Math.max(deepest, depth(child));
    }
    return node.isContainer() ? deepest + 1 : 0;
  }

  private static int count(JsonNode node) {
    int total = 1;
    for (JsonNode child : node.values()) {
      total += count(child);
    }
    return total;
  }

  private static JsonNode shuffle(JsonNode node, Random random) {
    if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
      Collections.shuffle(members, random);
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      members.forEach(member -> copy.set(member.getKey(), shuffle(member.getValue(), random)));
      return copy;
    }
    if (node.isArray()) {
      var copy = JsonNodeFactory.instance.arrayNode();
      node.values().forEach(element -> copy.add(shuffle(element, random)));
      return copy;
    }
    return node;
  }

  private static <T> T pick(List<T> choices, Random random) {
    return choices.get(random.nextInt(choices.size()));
  }

  private static JsonNode read(String json) {
    return WireJson.mapper().readTree(json);
  }
}
