package io.airlock.transfer;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Typed, strict access to the fields of a JSON object read from the wire, with failure reasons that
 * name the field. Shared by the record codec and the manifest parser; not meant for other use.
 */
public final class JsonFields {

  private static final int MAX_ID_LENGTH = 256;

  private final JsonNode node;

  public JsonFields(JsonNode node) {
    this.node = node;
  }

  public String id() throws InvalidFieldException {
    String id = requiredString("id");
    if (id.length() > MAX_ID_LENGTH) {
      throw new InvalidFieldException("field 'id' is longer than " + MAX_ID_LENGTH);
    }
    return id;
  }

  public String requiredString(String name) throws InvalidFieldException {
    String value = optionalString(name);
    if (value == null) {
      throw missing(name);
    }
    if (value.isBlank()) {
      throw new InvalidFieldException("field '" + name + "' must not be blank");
    }
    return value;
  }

  /** A required string that may be empty (values, unlike names, can be). */
  public String requiredText(String name) throws InvalidFieldException {
    String value = optionalString(name);
    if (value == null) {
      throw missing(name);
    }
    return value;
  }

  public String optionalString(String name) throws InvalidFieldException {
    JsonNode value = present(name);
    if (value == null) {
      return null;
    }
    if (!value.isString()) {
      throw wrongType(name, "a string");
    }
    return value.stringValue();
  }

  public long requiredLong(String name) throws InvalidFieldException {
    Long value = optionalLong(name);
    if (value == null) {
      throw missing(name);
    }
    return value;
  }

  public Long optionalLong(String name) throws InvalidFieldException {
    JsonNode value = present(name);
    if (value == null) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw wrongType(name, "an integer");
    }
    return value.longValue();
  }

  public int requiredInt(String name) throws InvalidFieldException {
    long value = requiredLong(name);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw wrongType(name, "a 32-bit integer");
    }
    return (int) value;
  }

  public boolean requiredBoolean(String name) throws InvalidFieldException {
    JsonNode value = present(name);
    if (value == null) {
      throw missing(name);
    }
    if (!value.isBoolean()) {
      throw wrongType(name, "a boolean");
    }
    return value.booleanValue();
  }

  public Instant requiredInstant(String name) throws InvalidFieldException {
    Instant value = optionalInstant(name);
    if (value == null) {
      throw missing(name);
    }
    return value;
  }

  public Instant optionalInstant(String name) throws InvalidFieldException {
    String text = optionalString(name);
    if (text == null) {
      return null;
    }
    try {
      Instant utc = parseUtc(text);
      return utc != null ? utc : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw wrongType(name, "an ISO-8601 instant");
    }
  }

  /**
   * The instant of {@code text} when it has the form {@link Instant#toString()} writes ({@code
   * 2026-12-06T10:00:00Z}, with 1 to 9 digits of fraction or none), read without the general parser
   * (several times faster); null for any other text, which {@link Instant#parse} then reads or
   * refuses.
   */
  static Instant parseUtc(String text) {
    int length = text.length();
    if (length < 20
        || length > 30
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':'
        || text.charAt(length - 1) != 'Z'
        || (length > 20 && (text.charAt(19) != '.' || length == 21))) {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int day = digits(text, 8, 10);
    int hour = digits(text, 11, 13);
    int minute = digits(text, 14, 16);
    int second = digits(text, 17, 19);
    int fraction = length > 20 ? digits(text, 20, length - 1) : 0;
    if ((year | month | day | hour | minute | second | fraction) < 0) {
      return null;
    }
    for (int i = length; i < 30; i++) {
      fraction *= 10; // to nanoseconds: 9 digits
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second, fraction)
          .toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return null; // out of range, or a leap second: the general parser decides
    }
  }

  /** The decimal number of {@code text} from {@code start} to {@code end}; -1 unless all digits. */
  private static int digits(String text, int start, int end) {
    int value = 0;
    for (int i = start; i < end; i++) {
      int digit = text.charAt(i) - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      value = value * 10 + digit;
    }
    return value;
  }

  public JsonNode requiredObject(String name) throws InvalidFieldException {
    JsonNode value = present(name);
    if (value == null) {
      throw missing(name);
    }
    if (!value.isObject()) {
      throw wrongType(name, "an object");
    }
    return value;
  }

  /** An optional nested object, read with its own strict accessor. */
  public Optional<JsonFields> optionalObject(String name) throws InvalidFieldException {
    JsonNode value = present(name);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isObject()) {
      throw wrongType(name, "an object");
    }
    return Optional.of(new JsonFields(value));
  }

  public List<String> stringList(String name) throws InvalidFieldException {
    JsonNode value = array(name, "an array of strings");
    List<String> strings = new ArrayList<>(value.size());
    for (JsonNode element : value) {
      if (!element.isString()) {
        throw wrongType(name, "an array of strings");
      }
      strings.add(element.stringValue());
    }
    return strings;
  }

  public List<Long> longList(String name) throws InvalidFieldException {
    List<Long> longs = new ArrayList<>();
    for (JsonNode element : array(name, "an array of integers")) {
      if (!element.isIntegralNumber() || !element.canConvertToLong()) {
        throw wrongType(name, "an array of integers");
      }
      longs.add(element.longValue());
    }
    return longs;
  }

  public List<JsonFields> objectList(String name) throws InvalidFieldException {
    List<JsonFields> objects = new ArrayList<>();
    for (JsonNode element : array(name, "an array of objects")) {
      if (!element.isObject()) {
        throw wrongType(name, "an array of objects");
      }
      objects.add(new JsonFields(element));
    }
    return objects;
  }

  /** The names of the object's fields, for maps keyed by name. */
  public List<String> names() {
    return List.copyOf(node.propertyNames());
  }

  private JsonNode array(String name, String expected) throws InvalidFieldException {
    JsonNode value = present(name);
    if (value == null) {
      throw missing(name);
    }
    if (!value.isArray()) {
      throw wrongType(name, expected);
    }
    return value;
  }

  public <E> E requiredEnum(String name, Function<String, Optional<E>> lookup)
      throws InvalidFieldException {
    String text = requiredString(name);
    return lookup
        .apply(text)
        .orElseThrow(
            () ->
                new InvalidFieldException("field '" + name + "' has unknown value '" + text + "'"));
  }

  /** A field that is absent or JSON null counts as absent. */
  private JsonNode present(String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? null : value;
  }

  private static InvalidFieldException missing(String name) {
    return new InvalidFieldException("missing required field '" + name + "'");
  }

  private static InvalidFieldException wrongType(String name, String expected) {
    return new InvalidFieldException("field '" + name + "' must be " + expected);
  }

  /** A field was missing or ill-typed; the message names it. */
  public static final class InvalidFieldException extends Exception {

    public InvalidFieldException(String reason) {
      super(reason, null, false, false);
    }
  }
}
