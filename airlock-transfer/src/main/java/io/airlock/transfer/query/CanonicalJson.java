package io.airlock.transfer.query;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON Canonicalization Scheme (RFC 8785) for the JSON a query can hold, so that two equal
 * queries written differently hash to the same cache key on either side of the gap.
 *
 * <ul>
 *   <li>Object members are sorted by their names' UTF-16 code units ({@link String#compareTo}
 *       compares exactly those), at every level; arrays keep their order.
 *   <li>No whitespace between tokens.
 *   <li>Strings: {@code "} and {@code \} escaped with a backslash; U+0008, U+0009, U+000A, U+000C
 *       and U+000D as {@code \b \t \n \f \r}; other characters below U+0020 as {@code \}{@code
 *       u00xx} in lower-case hex; everything else, {@code /} and non-ASCII included, as itself. A
 *       lone surrogate has no UTF-8 form and is refused.
 *   <li>Decimal numbers (any number read with a fraction or exponent) as IEEE-754 doubles in
 *       ECMAScript's {@code Number.prototype.toString} form: the shortest digits that read back to
 *       the same double, plain between 1e-6 and 1e21, otherwise {@code d.ddde+x}. {@code -0} is
 *       {@code 0}; NaN and infinities cannot occur in JSON and are refused.
 *   <li>Integers (numbers read without fraction or exponent) are written as-is. RFC 8785 would pass
 *       them through a double too, which changes integers beyond 2^53; a query's integers are
 *       sizes, offsets and ids where that loss would change the meaning, so they are kept exact.
 *       Within ±2^53 the output is identical to RFC 8785's.
 * </ul>
 *
 * <p>The output is text; hash its UTF-8 bytes.
 */
public final class CanonicalJson {

  private CanonicalJson() {}

  /**
   * The canonical text of {@code node}.
   *
   * @throws IllegalArgumentException if the node holds something JSON cannot (a lone surrogate, a
   *     non-finite number, binary or POJO nodes)
   */
  public static String of(JsonNode node) {
    StringBuilder out = new StringBuilder();
    write(node, out);
    return out.toString();
  }

  /**
   * A copy of {@code node} with every object's members in canonical order, for storing and
   * forwarding in a stable shape. Values are shared, not copied: JSON nodes read from the wire are
   * not modified afterwards.
   */
  public static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, JsonNode> member : sortedMembers(node)) {
        copy.set(member.getKey(), sorted(member.getValue()));
      }
      return copy;
    }
    if (node.isArray()) {
      var copy = JsonNodeFactory.instance.arrayNode();
      for (JsonNode element : node.values()) {
        copy.add(sorted(element));
      }
      return copy;
    }
    return node;
  }

  private static void write(JsonNode node, StringBuilder out) {
    if (node.isObject()) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonNode> member : sortedMembers(node)) {
        if (!first) {
          out.append(',');
        }
        first = false;
        string(member.getKey(), out);
        out.append(':');
        write(member.getValue(), out);
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      boolean first = true;
      for (JsonNode element : node.values()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        write(element, out);
      }
      out.append(']');
    } else if (node.isString()) {
      string(node.stringValue(), out);
    } else if (node.isIntegralNumber()) {
      out.append(node.bigIntegerValue().toString());
    } else if (node.isNumber()) {
      out.append(number(node.doubleValue()));
    } else if (node.isBoolean()) {
      out.append(node.booleanValue());
    } else if (node.isNull()) {
      out.append("null");
    } else {
      throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
    }
  }

  /**
   * Puts the members of {@code object} in canonical order, in place, when they are not: for a tree
   * that was {@link #sorted} and then had members added.
   */
  static void sortMembers(ObjectNode object) {
    if (inOrder(object)) {
      return;
    }
    Map<String, JsonNode> members = new TreeMap<>();
    object.properties().forEach(member -> members.put(member.getKey(), member.getValue()));
    object.removeAll();
    object.setAll(members);
  }

  // The members of an object in canonical order; most objects hold them so already (a tree that
  // was sorted, a client that writes canonical JSON), and are read as they are.
  private static Collection<Map.Entry<String, JsonNode>> sortedMembers(JsonNode object) {
    if (inOrder(object)) {
      return object.properties();
    }
    List<Map.Entry<String, JsonNode>> members = new ArrayList<>(object.properties());
    members.sort(Map.Entry.comparingByKey());
    return members;
  }

  private static boolean inOrder(JsonNode object) {
    String previous = null;
    for (Map.Entry<String, JsonNode> member : object.properties()) {
      if (previous != null && previous.compareTo(member.getKey()) > 0) {
        return false;
      }
      previous = member.getKey();
    }
    return true;
  }

  static void string(String value, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\b':
          out.append("\\b");
          break;
        case '\t':
          out.append("\\t");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\f':
          out.append("\\f");
          break;
        case '\r':
          out.append("\\r");
          break;
        default:
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else if (Character.isHighSurrogate(c)
              && i + 1 < value.length()
              && Character.isLowSurrogate(value.charAt(i + 1))) {
            out.append(c).append(value.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            throw new IllegalArgumentException("lone surrogate at index " + i);
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }

  /** ECMAScript's Number.prototype.toString(10), which RFC 8785 prescribes for numbers. */
  static String number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("JSON has no " + value);
    }
    if (value == 0) {
      return "0";
    }
    if (value < 0) {
      return "-" + number(-value);
    }
    BigDecimal shortest = shortestDigits(value);
    String digits = shortest.unscaledValue().toString();
    int k = digits.length();
    // value = digits × 10^(n − k), ECMAScript's n
    int n = k - shortest.scale();
    if (k <= n && n <= 21) {
      return digits + "0".repeat(n - k);
    }
    if (0 < n && n <= 21) {
      return digits.substring(0, n) + "." + digits.substring(n);
    }
    if (-6 < n && n <= 0) {
      return "0." + "0".repeat(-n) + digits;
    }
    int exponent = n - 1;
    String mantissa = k == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.abs(exponent);
  }

  // The fewest significant digits that read back as the same double, and of those the nearest to
  // its exact value. Not Double.toString: before JDK 19 it sometimes gives more digits than needed.
  private static BigDecimal shortestDigits(double value) {
    BigDecimal exact = new BigDecimal(value);
    for (int precision = 1; precision < 17; precision++) {
      BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
      if (candidate.doubleValue() == value) {
        return candidate.stripTrailingZeros();
      }
    }
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
  }
}
