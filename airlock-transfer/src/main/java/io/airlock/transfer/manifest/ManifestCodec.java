package io.airlock.transfer.manifest;

import io.airlock.transfer.Channel;
import io.airlock.transfer.Compression;
import io.airlock.transfer.JsonFields;
import io.airlock.transfer.JsonFields.InvalidFieldException;
import io.airlock.transfer.SenderEpoch;
import io.airlock.transfer.WireJson;
import io.airlock.transfer.batch.BatchName;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The manifest's wire form.
 *
 * <p>The unsigned form is the manifest's JSON with fields in a fixed order. The signature is
 * computed over exactly those bytes, then appended as the last field: the file is the unsigned JSON
 * with {@code ,"signature":"<base64>"} inserted before the closing brace, plus a newline. A reader
 * recovers the signed bytes by cutting that field off again, so verification never depends on
 * re-serialising JSON.
 */
public final class ManifestCodec {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern SIGNATURE_TAIL =
      Pattern.compile(",\"signature\":\"([A-Za-z0-9+/]+={0,2})\"}\n?$");

  private ManifestCodec() {}

  /** The canonical bytes the signature covers. */
  public static byte[] unsignedBytes(Manifest manifest) {
    return WireJson.mapper().writeValueAsBytes(toJson(manifest));
  }

  /** The manifest file's bytes: the unsigned bytes, the signature (if any) as last field, \n. */
  public static byte[] fileBytes(byte[] unsigned, byte[] signature) {
    String json = new String(unsigned, StandardCharsets.UTF_8);
    if (signature != null) {
      json =
          json.substring(0, json.length() - 1)
              + ",\"signature\":\""
              + Base64.getEncoder().encodeToString(signature)
              + "\"}";
    }
    return (json + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** Parses a manifest file. Never throws for bad input. */
  public static ParsedManifest parse(byte[] fileBytes) {
    String text = new String(fileBytes, StandardCharsets.UTF_8);
    JsonNode json;
    try {
      json = WireJson.mapper().readTree(text);
    } catch (JacksonException e) {
      return new ParsedManifest.Malformed(false, "manifest is not valid JSON");
    }
    if (json == null || !json.isObject()) {
      return new ParsedManifest.Malformed(false, "manifest is not a JSON object");
    }
    JsonFields fields = new JsonFields(json);
    try {
      int formatVersion = fields.requiredInt("format_version");
      if (formatVersion != Manifest.FORMAT_VERSION) {
        return new ParsedManifest.Malformed(true, "format version " + formatVersion);
      }
      int schemaVersion = fields.requiredInt("record_schema_version");
      if (schemaVersion != Manifest.RECORD_SCHEMA_VERSION) {
        return new ParsedManifest.Malformed(true, "record schema version " + schemaVersion);
      }
      Manifest manifest = fromJson(fields);
      if (manifest.sequence() < 1 || manifest.sequence() > BatchName.MAX_SEQUENCE) {
        return new ParsedManifest.Malformed(
            false, "field 'sequence' must be between 1 and " + BatchName.MAX_SEQUENCE);
      }
      String signature = fields.optionalString("signature");
      if (signature == null) {
        return new ParsedManifest.Parsed(manifest, fileBytes, null);
      }
      return signedParts(text, json, manifest, signature);
    } catch (InvalidFieldException | IllegalArgumentException e) {
      return new ParsedManifest.Malformed(false, e.getMessage());
    }
  }

  private static ParsedManifest signedParts(
      String text, JsonNode json, Manifest manifest, String signature) {
    Matcher tail = SIGNATURE_TAIL.matcher(text);
    if (!tail.find() || !tail.group(1).equals(signature)) {
      return new ParsedManifest.Malformed(false, "'signature' must be the manifest's last field");
    }
    String signed = text.substring(0, tail.start()) + "}";
    JsonNode signedJson;
    try {
      signedJson = WireJson.mapper().readTree(signed);
    } catch (JacksonException e) {
      return new ParsedManifest.Malformed(false, "manifest without signature is not valid JSON");
    }
    ObjectNode expected = ((ObjectNode) json).deepCopy();
    expected.remove("signature");
    if (!expected.equals(signedJson)) {
      return new ParsedManifest.Malformed(false, "signed content differs from the manifest");
    }
    return new ParsedManifest.Parsed(
        manifest, signed.getBytes(StandardCharsets.UTF_8), Base64.getDecoder().decode(signature));
  }

  private static ObjectNode toJson(Manifest m) {
    ObjectNode json = NODES.objectNode();
    json.put("format_version", m.formatVersion());
    json.put("batch_id", m.batchId().toString());
    json.put("channel", m.channel().wireName());
    json.put("sequence", m.sequence());
    json.put("sender_node_id", m.sender().nodeId());
    json.put("sender_epoch", m.sender().epoch());
    json.put("created_at", m.createdAt().toString());
    json.put("record_count", m.recordCount());
    json.put("record_schema_version", m.recordSchemaVersion());
    json.put("payload_file", m.payloadFile());
    json.put("payload_bytes", m.payloadBytes());
    json.put("payload_sha256", m.payloadSha256());
    json.put("compression", m.compression().wireName());
    ArrayNode acks = json.putArray("acks");
    for (ChannelAck ack : m.acks()) {
      ObjectNode a = acks.addObject();
      a.put("channel", ack.channel().wireName());
      a.put("sender_node_id", ack.peer().nodeId());
      a.put("sender_epoch", ack.peer().epoch());
      a.put("contiguous", ack.contiguous());
      ArrayNode missing = a.putArray("missing");
      ack.missing().forEach(missing::add);
    }
    if (!m.highestSent().isEmpty()) {
      ObjectNode highest = json.putObject("highest_sent");
      new EnumMap<>(m.highestSent()).forEach((c, s) -> highest.put(c.wireName(), s));
    }
    if (m.snapshot() != null) {
      ObjectNode snapshot = json.putObject("snapshot");
      snapshot.put("snapshot_id", m.snapshot().snapshotId().toString());
      snapshot.put("as_of_version", m.snapshot().asOfVersion());
      snapshot.put("part", m.snapshot().part());
      snapshot.put("part_count", m.snapshot().partCount());
    }
    if (m.keyId() != null) {
      json.put("key_id", m.keyId());
    }
    return json;
  }

  private static Manifest fromJson(JsonFields f) throws InvalidFieldException {
    List<ChannelAck> acks = new ArrayList<>();
    for (JsonFields a : f.objectList("acks")) {
      acks.add(
          new ChannelAck(
              a.requiredEnum("channel", Channel::fromWireName),
              new SenderEpoch(a.requiredString("sender_node_id"), a.requiredString("sender_epoch")),
              a.requiredLong("contiguous"),
              a.longList("missing")));
    }
    Map<Channel, Long> highestSent = new EnumMap<>(Channel.class);
    var highest = f.optionalObject("highest_sent");
    if (highest.isPresent()) {
      for (String name : highest.get().names()) {
        Channel channel =
            Channel.fromWireName(name)
                .orElseThrow(() -> new InvalidFieldException("unknown channel '" + name + "'"));
        highestSent.put(channel, highest.get().requiredLong(name));
      }
    }
    SnapshotPart snapshot = null;
    var snapshotFields = f.optionalObject("snapshot");
    if (snapshotFields.isPresent()) {
      JsonFields s = snapshotFields.get();
      snapshot =
          new SnapshotPart(
              uuid(s, "snapshot_id"),
              s.requiredLong("as_of_version"),
              s.requiredInt("part"),
              s.requiredInt("part_count"));
    }
    return new Manifest(
        Manifest.FORMAT_VERSION,
        uuid(f, "batch_id"),
        f.requiredEnum("channel", Channel::fromWireName),
        f.requiredLong("sequence"),
        new SenderEpoch(f.requiredString("sender_node_id"), f.requiredString("sender_epoch")),
        f.requiredInstant("created_at"),
        f.requiredInt("record_count"),
        Manifest.RECORD_SCHEMA_VERSION,
        f.requiredString("payload_file"),
        f.requiredLong("payload_bytes"),
        f.requiredString("payload_sha256"),
        f.requiredEnum("compression", Compression::fromWireName),
        acks,
        highestSent,
        snapshot,
        f.optionalString("key_id"));
  }

  private static UUID uuid(JsonFields f, String name) throws InvalidFieldException {
    String text = f.requiredString(name);
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidFieldException("field '" + name + "' must be a UUID");
    }
  }
}
