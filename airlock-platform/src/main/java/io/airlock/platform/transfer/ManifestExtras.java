package io.airlock.platform.transfer;

import io.airlock.transfer.Channel;
import io.airlock.transfer.SenderEpoch;
import io.airlock.transfer.WireJson;
import io.airlock.transfer.manifest.ChannelAck;
import io.airlock.transfer.manifest.SnapshotPart;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The manifest fields an outbound batch fixes when it is allocated, kept in the ledger so that a
 * repaired batch carries exactly the manifest it would have had.
 *
 * @param acks what this node had applied of the channels it receives
 * @param highestSent for control batches: the highest sequence sent per channel
 * @param snapshot set on the parts of a full directory snapshot, else null
 */
public record ManifestExtras(
    List<ChannelAck> acks, Map<Channel, Long> highestSent, SnapshotPart snapshot) {

  public static final ManifestExtras NONE = new ManifestExtras(List.of(), Map.of(), null);

  public ManifestExtras {
    acks = List.copyOf(acks);
    highestSent = Map.copyOf(highestSent);
  }

  String toJson() {
    ObjectNode json = WireJson.mapper().createObjectNode();
    var acksJson = json.putArray("acks");
    for (ChannelAck ack : acks) {
      ObjectNode a = acksJson.addObject();
      a.put("channel", ack.channel().wireName());
      a.put("node", ack.peer().nodeId());
      a.put("epoch", ack.peer().epoch());
      a.put("contiguous", ack.contiguous());
      ack.missing().forEach(a.putArray("missing")::add);
    }
    ObjectNode highest = json.putObject("highest_sent");
    highestSent.forEach((channel, sequence) -> highest.put(channel.wireName(), sequence));
    if (snapshot != null) {
      json.putObject("snapshot")
          .put("id", snapshot.snapshotId().toString())
          .put("as_of", snapshot.asOfVersion())
          .put("part", snapshot.part())
          .put("parts", snapshot.partCount());
    }
    return WireJson.mapper().writeValueAsString(json);
  }

  static ManifestExtras fromJson(String text) {
    JsonNode json = WireJson.mapper().readTree(text);
    List<ChannelAck> acks = new ArrayList<>();
    for (JsonNode a : json.path("acks")) {
      List<Long> missing = new ArrayList<>();
      a.path("missing").forEach(m -> missing.add(m.longValue()));
      acks.add(
          new ChannelAck(
              OutboundBatches.channel(a.get("channel").stringValue()),
              new SenderEpoch(a.get("node").stringValue(), a.get("epoch").stringValue()),
              a.get("contiguous").longValue(),
              missing));
    }
    Map<Channel, Long> highestSent = new EnumMap<>(Channel.class);
    json.path("highest_sent")
        .properties()
        .forEach(
            entry ->
                highestSent.put(
                    OutboundBatches.channel(entry.getKey()), entry.getValue().longValue()));
    JsonNode s = json.get("snapshot");
    SnapshotPart snapshot =
        s == null
            ? null
            : new SnapshotPart(
                UUID.fromString(s.get("id").stringValue()),
                s.get("as_of").longValue(),
                s.get("part").intValue(),
                s.get("parts").intValue());
    return new ManifestExtras(acks, highestSent, snapshot);
  }
}
