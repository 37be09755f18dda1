package io.airlock.transfer.records;

import io.airlock.transfer.Channel;
import io.airlock.transfer.JsonFields;
import io.airlock.transfer.JsonFields.InvalidFieldException;
import io.airlock.transfer.WireJson;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Encodes records as single JSON lines and decodes lines back into records.
 *
 * <p>Encoding is deterministic: fields are written in a fixed order and absent (null) fields are
 * left out, so the same record always gives the same bytes. Decoding ignores unknown fields
 * (forward compatibility) and refuses a record whose required field is missing or ill-typed, or
 * whose type does not belong on the batch's channel, with a reason that names the field.
 */
public final class RecordCodec {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private RecordCodec() {}

  /** The record as one line of UTF-8 JSON, terminated by {@code \n}. */
  public static byte[] encodeLine(TransferRecord record) {
    byte[] json = WireJson.mapper().writeValueAsBytes(toJson(record));
    byte[] line = new byte[json.length + 1];
    System.arraycopy(json, 0, line, 0, json.length);
    line[json.length] = '\n';
    return line;
  }

  /** The record's JSON object, fields in wire order. */
  public static ObjectNode toJson(TransferRecord record) {
    ObjectNode json = NODES.objectNode();
    json.put("type", record.type().wireName());
    json.put("id", record.id());
    switch (record.type()) {
      case REQUEST -> writeRequest(json, (RequestRecord) record);
      case CANCEL -> writeCancel(json, (CancelRecord) record);
      case ACCOUNT_CHANGE -> writeAccountChange(json, (AccountChangeRecord) record);
      case RESULT -> writeResult(json, (ResultRecord) record);
      case FAILURE -> writeFailure(json, (FailureRecord) record);
      case USER -> writeUser(json, (UserRecord) record);
      case PROFILE_TYPE -> writeProfileType(json, (ProfileTypeRecord) record);
      case SETTING -> writeSetting(json, (SettingRecord) record);
    }
    return json;
  }

  private static void writeRequest(ObjectNode json, RequestRecord r) {
    putIfSet(json, "trace_id", r.traceId());
    json.put("user_id", r.userId());
    json.put("index", r.index());
    json.put("query_type", r.queryType().wireName());
    json.set("query_params", r.queryParams());
    json.put("priority", r.priority());
    putInstant(json, "submitted_at", r.submittedAt());
    putInstant(json, "deadline", r.deadline());
    putIfSet(json, "traceparent", r.traceparent());
  }

  private static void writeCancel(ObjectNode json, CancelRecord c) {
    putIfSet(json, "trace_id", c.traceId());
    json.put("request_id", c.requestId());
    json.put("user_id", c.userId());
    putInstant(json, "requested_at", c.requestedAt());
  }

  private static void writeAccountChange(ObjectNode json, AccountChangeRecord a) {
    json.put("user_id", a.userId());
    putIfSet(json, "display_name", a.displayName());
    putIfSet(json, "email", a.email());
    putIfSet(json, "password_hash", a.passwordHash());
    putInstant(json, "changed_at", a.changedAt());
  }

  private static void writeResult(ObjectNode json, ResultRecord r) {
    putIfSet(json, "trace_id", r.traceId());
    json.set("result", r.result());
    json.put("execution_ms", r.executionMs());
    json.put("cache_hit", r.cacheHit());
    json.put("result_sha256", r.resultSha256());
    putInstant(json, "received_at", r.receivedAt());
    putInstant(json, "executed_at", r.executedAt());
  }

  private static void writeFailure(ObjectNode json, FailureRecord f) {
    putIfSet(json, "trace_id", f.traceId());
    json.put("outcome", f.outcome().wireName());
    json.put("reason_code", f.reasonCode());
    putIfSet(json, "detail", f.detail());
    putInstant(json, "received_at", f.receivedAt());
    putInstant(json, "decided_at", f.decidedAt());
  }

  private static void writeUser(ObjectNode json, UserRecord u) {
    json.put("username", u.username());
    putIfSet(json, "email", u.email());
    putIfSet(json, "display_name", u.displayName());
    json.put("role", u.role());
    json.put("profile_type", u.profileType());
    json.put("active", u.active());
    json.put("password_hash", u.passwordHash());
    json.put("version", u.version());
    if (!u.limits().equals(Limits.NONE)) {
      json.set("limits", limitsJson(u.limits()));
    }
    json.set("echoed_change_ids", stringArray(u.echoedChangeIds()));
    putInstant(json, "updated_at", u.updatedAt());
  }

  private static void writeProfileType(ObjectNode json, ProfileTypeRecord p) {
    json.put("version", p.version());
    json.set("limits", limitsJson(p.limits()));
    json.put("max_priority", p.maxPriority());
    json.set("allowed_indices", stringArray(p.allowedIndices()));
    json.put("max_result_size", p.maxResultSize());
  }

  private static void writeSetting(ObjectNode json, SettingRecord s) {
    json.put("value", s.value());
    json.put("version", s.version());
  }

  /**
   * Decodes one payload line (without its line terminator) found in a batch of {@code channel}.
   * Never throws for bad input: a bad line is returned as {@link RecordLine.Invalid}.
   */
  public static RecordLine decode(Channel channel, long lineNumber, String line) {
    JsonNode json;
    try {
      json = WireJson.mapper().readTree(line);
    } catch (JacksonException e) {
      return new RecordLine.Invalid(lineNumber, null, null, "not valid JSON", line);
    }
    return decode(channel, lineNumber, json, () -> line);
  }

  /**
   * Decodes a line given as UTF-8 bytes. A line of ASCII only (most are: ids, times, query syntax)
   * is parsed from its bytes as they are; any other is checked to be valid UTF-8 first, since a
   * parser may let malformed sequences through.
   */
  public static RecordLine decode(Channel channel, long lineNumber, byte[] utf8) {
    if (!isAscii(utf8)) {
      try {
        String line =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(utf8))
                .toString();
        return decode(channel, lineNumber, line);
      } catch (CharacterCodingException e) {
        return new RecordLine.Invalid(
            lineNumber, null, null, "not valid UTF-8", new String(utf8, StandardCharsets.UTF_8));
      }
    }
    Supplier<String> line = () -> new String(utf8, StandardCharsets.US_ASCII);
    JsonNode json;
    try {
      json = WireJson.mapper().readTree(utf8);
    } catch (JacksonException e) {
      return new RecordLine.Invalid(lineNumber, null, null, "not valid JSON", line.get());
    }
    return decode(channel, lineNumber, json, line);
  }

  private static RecordLine decode(
      Channel channel, long lineNumber, JsonNode json, Supplier<String> line) {
    if (json == null || !json.isObject()) {
      return new RecordLine.Invalid(lineNumber, null, null, "not a JSON object", line.get());
    }
    try {
      return new RecordLine.Valid(lineNumber, decodeObject(channel, new JsonFields(json)));
    } catch (InvalidFieldException e) {
      String type = json.path("type").isString() ? json.get("type").stringValue() : null;
      String id = json.path("id").isString() ? json.get("id").stringValue() : null;
      return new RecordLine.Invalid(lineNumber, type, id, e.getMessage(), line.get());
    }
  }

  /**
   * Whether the bytes are ASCII without NUL: a parser given bytes guesses their encoding from their
   * first four, and NULs could make it read UTF-16 or UTF-32 (no JSON line holds a raw NUL).
   */
  private static boolean isAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b <= 0) {
        return false;
      }
    }
    return true;
  }

  /** A request's trace context; one not in the W3C form is dropped, never a reason to refuse. */
  private static String traceparent(JsonFields f) {
    String traceparent;
    try {
      traceparent = f.optionalString("traceparent");
    } catch (InvalidFieldException notAString) {
      return null;
    }
    return traceparent != null && RequestRecord.TRACEPARENT.matcher(traceparent).matches()
        ? traceparent
        : null;
  }

  private static TransferRecord decodeObject(Channel channel, JsonFields f)
      throws InvalidFieldException {
    RecordType type = f.requiredEnum("type", RecordType::fromWireName);
    if (type.channel() != channel) {
      throw new InvalidFieldException(
          "record type '" + type.wireName() + "' is not allowed on channel '" + channel + "'");
    }
    String id = f.id();
    return switch (type) {
      case REQUEST ->
          new RequestRecord(
              id,
              f.optionalString("trace_id"),
              f.requiredString("user_id"),
              f.requiredString("index"),
              f.requiredEnum("query_type", QueryType::fromWireName),
              f.requiredObject("query_params"),
              f.requiredInt("priority"),
              f.requiredInstant("submitted_at"),
              f.requiredInstant("deadline"),
              traceparent(f));
      case CANCEL ->
          new CancelRecord(
              id,
              f.optionalString("trace_id"),
              f.requiredString("request_id"),
              f.requiredString("user_id"),
              f.requiredInstant("requested_at"));
      case ACCOUNT_CHANGE -> accountChange(id, f);
      case RESULT ->
          new ResultRecord(
              id,
              f.optionalString("trace_id"),
              f.requiredObject("result"),
              f.requiredLong("execution_ms"),
              f.requiredBoolean("cache_hit"),
              f.requiredString("result_sha256"),
              f.requiredInstant("received_at"),
              f.requiredInstant("executed_at"));
      case FAILURE ->
          new FailureRecord(
              id,
              f.optionalString("trace_id"),
              f.requiredEnum("outcome", FailureRecord.Outcome::fromWireName),
              f.requiredString("reason_code"),
              f.optionalString("detail"),
              f.optionalInstant("received_at"),
              f.requiredInstant("decided_at"));
      case USER ->
          new UserRecord(
              id,
              f.requiredString("username"),
              f.optionalString("email"),
              f.optionalString("display_name"),
              f.requiredString("role"),
              f.requiredString("profile_type"),
              f.requiredBoolean("active"),
              f.requiredString("password_hash"),
              f.requiredLong("version"),
              optionalLimits(f),
              f.stringList("echoed_change_ids"),
              f.requiredInstant("updated_at"));
      case PROFILE_TYPE -> profileType(id, f);
      case SETTING -> new SettingRecord(id, f.requiredText("value"), f.requiredLong("version"));
    };
  }

  private static AccountChangeRecord accountChange(String id, JsonFields f)
      throws InvalidFieldException {
    AccountChangeRecord change =
        new AccountChangeRecord(
            id,
            f.requiredString("user_id"),
            f.optionalString("display_name"),
            f.optionalString("email"),
            f.optionalString("password_hash"),
            f.requiredInstant("changed_at"));
    if (change.displayName() == null && change.email() == null && change.passwordHash() == null) {
      throw new InvalidFieldException(
          "account change must set one of 'display_name', 'email', 'password_hash'");
    }
    return change;
  }

  private static ProfileTypeRecord profileType(String id, JsonFields f)
      throws InvalidFieldException {
    Limits limits =
        limits(
            f.optionalObject("limits")
                .orElseThrow(() -> new InvalidFieldException("missing required field 'limits'")));
    if (!limits.complete()) {
      throw new InvalidFieldException(
          "field 'limits' of a profile type must set per_minute, per_hour and per_day");
    }
    return new ProfileTypeRecord(
        id,
        f.requiredLong("version"),
        limits,
        f.requiredInt("max_priority"),
        f.stringList("allowed_indices"),
        f.requiredInt("max_result_size"));
  }

  private static Limits optionalLimits(JsonFields f) throws InvalidFieldException {
    var limits = f.optionalObject("limits");
    return limits.isPresent() ? limits(limits.get()) : Limits.NONE;
  }

  private static Limits limits(JsonFields f) throws InvalidFieldException {
    return new Limits(
        f.optionalLong("per_minute"), f.optionalLong("per_hour"), f.optionalLong("per_day"));
  }

  private static ObjectNode limitsJson(Limits limits) {
    ObjectNode json = NODES.objectNode();
    if (limits.perMinute() != null) {
      json.put("per_minute", limits.perMinute());
    }
    if (limits.perHour() != null) {
      json.put("per_hour", limits.perHour());
    }
    if (limits.perDay() != null) {
      json.put("per_day", limits.perDay());
    }
    return json;
  }

  private static ArrayNode stringArray(List<String> values) {
    ArrayNode array = NODES.arrayNode();
    values.forEach(array::add);
    return array;
  }

  private static void putIfSet(ObjectNode json, String name, String value) {
    if (value != null) {
      json.put(name, value);
    }
  }

  private static void putInstant(ObjectNode json, String name, Instant value) {
    if (value != null) {
      json.put(name, value.toString());
    }
  }
}
