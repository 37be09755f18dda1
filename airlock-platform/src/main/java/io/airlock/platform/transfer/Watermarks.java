package io.airlock.platform.transfer;

import io.airlock.transfer.Channel;
import io.airlock.transfer.SenderEpoch;
import io.airlock.transfer.manifest.ChannelAck;
import io.airlock.transfer.manifest.Manifest;
import io.airlock.transfer.sequence.SequenceWatermark;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What this node has applied of each channel each peer sender epoch sends (DESIGN §2 "Receiving"):
 * the highest contiguous sequence and the set above it, so that dedup survives the ledger's
 * pruning, and what the peer announced it sent, so that a lost last batch is missed.
 */
final class Watermarks {

  private static final int MISSING_IN_ACK = 100;

  private final JdbcClient jdbc;

  Watermarks(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * When the newest sender epoch of a peer was first heard of: a peer heard of with a new epoch has
   * a new database, which holds nothing sent to it before.
   */
  Optional<Instant> newestPeerEpochFirstHeardAt() {
    return jdbc.sql(
            """
            select min(created_at) as first_heard from inbound_watermarks
            group by sender_node_id, sender_epoch order by first_heard desc limit 1""")
        .query((row, n) -> row.getTimestamp("first_heard").toInstant())
        .optional();
  }

  /** What this node has applied of each channel it receives, for its outgoing manifests. */
  List<ChannelAck> acks() {
    return jdbc.sql(
            "select sender_node_id, sender_epoch, channel, contiguous, above, announced"
                + " from inbound_watermarks order by channel, sender_node_id, sender_epoch")
        .query(
            (row, n) -> {
              Channel channel = OutboundBatches.channel(row.getString("channel"));
              SenderEpoch peer =
                  new SenderEpoch(row.getString("sender_node_id"), row.getString("sender_epoch"));
              return watermark(row.getLong("contiguous"), row.getArray("above"))
                  .ack(channel, peer, row.getLong("announced"), MISSING_IN_ACK);
            })
        .list();
  }

  /** The batch's channel's watermark, locked until the transaction ends. */
  SequenceWatermark lock(Manifest manifest) {
    jdbc.sql(
            """
            insert into inbound_watermarks (sender_node_id, sender_epoch, channel)
            values (:node, :epoch, :channel) on conflict do nothing""")
        .param("node", manifest.sender().nodeId())
        .param("epoch", manifest.sender().epoch())
        .param("channel", manifest.channel().wireName())
        .update();
    return jdbc.sql(
            """
            select contiguous, above from inbound_watermarks
            where sender_node_id = :node and sender_epoch = :epoch and channel = :channel
            for update""")
        .param("node", manifest.sender().nodeId())
        .param("epoch", manifest.sender().epoch())
        .param("channel", manifest.channel().wireName())
        .query((row, n) -> watermark(row.getLong("contiguous"), row.getArray("above")))
        .single();
  }

  void save(Manifest manifest, SequenceWatermark watermark) {
    jdbc.sql(
            """
            update inbound_watermarks set contiguous = :contiguous, above = :above, updated_at = now()
            where sender_node_id = :node and sender_epoch = :epoch and channel = :channel""")
        .param("contiguous", watermark.contiguous())
        .param("above", watermark.above().toArray(Long[]::new))
        .param("node", manifest.sender().nodeId())
        .param("epoch", manifest.sender().epoch())
        .param("channel", manifest.channel().wireName())
        .update();
  }

  /**
   * Takes a control batch's highest sequences sent (DESIGN §2 "Acks"), so that what never arrived
   * above the highest applied, a lost last batch, is listed missing in this node's acks.
   */
  void announce(Manifest manifest) {
    manifest
        .highestSent()
        .forEach(
            (channel, highest) ->
                jdbc.sql(
                        """
                        insert into inbound_watermarks (sender_node_id, sender_epoch, channel,
                            announced)
                        values (:node, :epoch, :channel, :highest)
                        on conflict (sender_node_id, sender_epoch, channel) do update
                        set announced = greatest(inbound_watermarks.announced, excluded.announced)
                        """)
                    .param("node", manifest.sender().nodeId())
                    .param("epoch", manifest.sender().epoch())
                    .param("channel", channel.wireName())
                    .param("highest", highest)
                    .update());
  }

  static SequenceWatermark watermark(long contiguous, Array above) {
    try {
      List<Long> sequences = new ArrayList<>();
      for (Object sequence : (Object[]) above.getArray()) {
        sequences.add(((Number) sequence).longValue());
      }
      return SequenceWatermark.of(contiguous, sequences);
    } catch (SQLException e) {
      throw new IllegalStateException("unreadable watermark", e);
    }
  }
}
