package io.airlock.transfer.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airlock.transfer.WireJson;
import io.airlock.transfer.records.QueryType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class CanonicalJsonTests {

  @Test
  void sortsMembersByUtf16CodeUnitsAsRfc8785Section324Shows() {
    // RFC 8785 §3.2.3: the sorting example, written with escapes so the source stays ASCII.
    String input =
        "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter"
            + " Dalet With Dagesh\",\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\","
            + "\"\\u0080\":\"Control\",\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}";

    String canonical = CanonicalJson.of(read(input));

    assertThat(canonical)
        .isEqualTo(
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"\u00f6\":\"Latin"
                + " Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\",\"\ud83d\ude00\":"
                + "\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
  }

  @Test
  void writesTheRfc8785Section323ExampleByteForByte() {
    String input =
        "{\n  \"numbers\": [333333333.33333329, 1E30, 4.50,\n                2e-3, 0.000000000000000000000000001],"
            + "\n  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
            + "  \"literals\": [null, true, false]\n}";

    assertThat(CanonicalJson.of(read(input)))
        .isEqualTo(
            "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
  }

  @Test
  void formatsDoublesAsEcmaScriptDoesPerRfc8785AppendixB() {
    assertThat(CanonicalJson.number(0.0)).isEqualTo("0");
    assertThat(CanonicalJson.number(-0.0)).isEqualTo("0");
    assertThat(CanonicalJson.number(Double.longBitsToDouble(0x0000000000000001L)))
        .isEqualTo("5e-324");
    assertThat(CanonicalJson.number(Double.longBitsToDouble(0x8000000000000001L)))
        .isEqualTo("-5e-324");
    assertThat(CanonicalJson.number(Double.longBitsToDouble(0x7fefffffffffffffL)))
        .isEqualTo("1.7976931348623157e+308");
    assertThat(CanonicalJson.number(Double.longBitsToDouble(0x4340000000000000L)))
        .isEqualTo("9007199254740992");
    assertThat(CanonicalJson.number(Double.longBitsToDouble(0x444b1ae4d6e2ef4fL)))
        .isEqualTo("999999999999999900000");
    assertThat(CanonicalJson.number(Double.longBitsToDouble(0x444b1ae4d6e2ef50L)))
        .isEqualTo("1e+21");
    assertThat(CanonicalJson.number(Double.longBitsToDouble(0x3eb0c6f7a0b5ed8dL)))
        .isEqualTo("0.000001");
    assertThat(CanonicalJson.number(Double.longBitsToDouble(0x3eb0c6f7a0b5ed8cL)))
        .isEqualTo("9.999999999999997e-7");
    assertThat(CanonicalJson.number(Double.longBitsToDouble(0x41b3de4355555553L)))
        .isEqualTo("333333333.3333332");
    assertThat(CanonicalJson.number(Double.longBitsToDouble(0x4430000000000000L)))
        .isEqualTo("295147905179352830000");
    assertThat(CanonicalJson.number(Double.longBitsToDouble(0x44b52d02c7e14af6L)))
        .isEqualTo("1e+23");
    assertThat(CanonicalJson.number(Double.longBitsToDouble(0xc088e00000000000L)))
        .isEqualTo("-796");
  }

  @Test
  void writesIntegersExactly() {
    assertThat(CanonicalJson.of(read("[0, -7, 12345678901234567890]")))
        .isEqualTo("[0,-7,12345678901234567890]");
  }

  @Test
  void spellsEqualDecimalsTheSameWay() {
    assertThat(CanonicalJson.of(read("[1.0, 1E0, 10e-1, 0.5e1]"))).isEqualTo("[1,1,1,5]");
  }

  @Test
  void escapesOnlyWhatRfc8785Escapes() {
    assertThat(CanonicalJson.of(JsonNodeFactory.instance.stringNode("\u0001\u001f/\u007f\u00e9")))
        .isEqualTo("\"\\u0001\\u001f/\u007f\u00e9\"");
  }

  @Test
  void refusesALoneSurrogate() {
    assertThatThrownBy(() -> CanonicalJson.of(JsonNodeFactory.instance.stringNode("a\ud800b")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sortsNestedObjectsButKeepsArrayOrder() {
    assertThat(
            CanonicalJson.of(read("{\"b\":[{\"z\":1,\"a\":2},3],\"a\":{\"y\":true,\"x\":null}}")))
        .isEqualTo("{\"a\":{\"x\":null,\"y\":true},\"b\":[{\"a\":2,\"z\":1},3]}");
  }

  @Test
  void givesEqualQueriesWrittenInAnotherOrderTheSameCacheKey() {
    JsonNode one = read("{\"query\":{\"match\":{\"title\":\"gap\"}},\"size\":5,\"from\":0}");
    JsonNode two = read("{\"from\":0,\"size\":5,\"query\":{\"match\":{\"title\":\"gap\"}}}");

    String key = QueryRules.cacheKey("logs", QueryType.SEARCH, one);

    assertThat(QueryRules.cacheKey("logs", QueryType.SEARCH, two)).isEqualTo(key).hasSize(64);
    assertThat(QueryRules.cacheKey("logs", QueryType.COUNT, one)).isNotEqualTo(key);
    assertThat(QueryRules.cacheKey("logs2", QueryType.SEARCH, one)).isNotEqualTo(key);
  }

  @Test
  void hashesTheCanonicalTextOfIndexTypeAndParams() throws Exception {
    JsonNode params = read("{\"size\":1}");
    String expected =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(
                        "{\"index\":\"logs\",\"query_params\":{\"size\":1},\"query_type\":\"count\"}"
                            .getBytes(StandardCharsets.UTF_8)));

    assertThat(QueryRules.cacheKey("logs", QueryType.COUNT, params)).isEqualTo(expected);
  }

  @Test
  void putsAnObjectsMembersInOrderInPlaceKeepingTheirValues() {
    ObjectNode object = (ObjectNode) read("{\"b\":{\"y\":1,\"x\":2},\"c\":[3],\"a\":null}");
    JsonNode inner = object.get("b");

    CanonicalJson.sortMembers(object);

    assertThat(object.propertyNames()).containsExactly("a", "b", "c");
    // Only the object itself: what it holds is left as it is, the same nodes.
    assertThat(object.get("b")).isSameAs(inner);
    assertThat(inner.propertyNames()).containsExactly("y", "x");
    assertThat(object.get("c").get(0).intValue()).isEqualTo(3);
  }

  @Test
  void writesMembersInOrderWhetherTheTreeHeldThemSoOrNot() {
    String sorted = "{\"a\":{\"m\":1,\"n\":[{\"p\":2,\"q\":3}]},\"b\":true}";
    String shuffled = "{\"b\":true,\"a\":{\"n\":[{\"q\":3,\"p\":2}],\"m\":1}}";

    assertThat(CanonicalJson.of(read(shuffled))).isEqualTo(sorted);
    assertThat(CanonicalJson.of(read(sorted))).isEqualTo(sorted);
    assertThat(CanonicalJson.of(CanonicalJson.sorted(read(shuffled)))).isEqualTo(sorted);
  }

  private static JsonNode read(String json) {
    return WireJson.mapper().readTree(json);
  }
}
