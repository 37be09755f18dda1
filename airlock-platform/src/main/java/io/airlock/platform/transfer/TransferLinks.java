package io.airlock.platform.transfer;

import io.airlock.transfer.SenderEpoch;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How each channel across the gap is doing (DESIGN §2 "Trust"): for every channel this node
 * receives, the last batch heard and the open gaps; for every channel it sends, the highest
 * sequence sent and the oldest batch the peer has not acknowledged. Read by health and by admin
 * views.
 */
public final class TransferLinks {

  private static final int MAX_GAPS_LISTED = 100;

  private final JdbcClient jdbc;
  private final SenderEpoch self;

  public TransferLinks(JdbcClient jdbc, SenderEpoch self) {
    this.jdbc = jdbc;
    this.self = self;
  }

  /**
   * A channel received from one peer epoch.
   *
   * @param lastHeardAt when a batch of it last arrived (applied, duplicate or refused)
   * @param contiguous highest sequence applied with every one below it
   * @param gaps sequences missing below the highest applied or announced by the sender
   * @param rejectedBatches batches refused whole (damaged, unsigned) or as conflicts
   * @param conflicts sequences that arrived again with other content than the one applied: a sender
   *     reusing sequences, or someone forging batches; each needs an operator's look
   */
  public record Incoming(
      String channel,
      SenderEpoch peer,
      long contiguous,
      List<Long> gaps,
      Instant lastHeardAt,
      long rejectedBatches,
      long conflicts) {}

  /**
   * A channel this node sends.
   *
   * @param oldestUnacknowledged lowest sequence published but not acknowledged, or null
   * @param oldestUnacknowledgedAt when that batch was published, or null
   * @param peerAcknowledged the highest sequence the peer has acknowledged contiguously; above
   *     {@code highestSent}, this database is older than what it sent
   */
  public record Outgoing(
      String channel,
      long highestSent,
      long unacknowledged,
      Long oldestUnacknowledged,
      Instant oldestUnacknowledgedAt,
      long peerAcknowledged) {}

  public List<Incoming> incoming() {
    return jdbc.sql(
            """
            select w.channel, w.sender_node_id, w.sender_epoch, w.contiguous, w.above, w.announced,
                   (select max(received_at) from inbound_batches b
                     where b.sender_node_id = w.sender_node_id and b.sender_epoch = w.sender_epoch
                       and b.channel = w.channel) as last_heard_at,
                   (select count(*) from inbound_batches b
                     where b.sender_node_id = w.sender_node_id and b.sender_epoch = w.sender_epoch
                       and b.channel = w.channel and b.outcome in ('REJECTED', 'CONFLICT'))
                       as rejected,
                   (select count(*) from inbound_batches b
                     where b.sender_node_id = w.sender_node_id and b.sender_epoch = w.sender_epoch
                       and b.channel = w.channel and b.outcome = 'CONFLICT') as conflicts
            from inbound_watermarks w
            order by w.channel, w.sender_node_id, w.sender_epoch""")
        .query(
            (row, n) ->
                new Incoming(
                    row.getString("channel"),
                    new SenderEpoch(row.getString("sender_node_id"), row.getString("sender_epoch")),
                    row.getLong("contiguous"),
                    Watermarks.watermark(row.getLong("contiguous"), row.getArray("above"))
                        .missing(row.getLong("announced"), MAX_GAPS_LISTED),
                    instant(row.getTimestamp("last_heard_at")),
                    row.getLong("rejected"),
                    row.getLong("conflicts")))
        .list();
  }

  public List<Outgoing> outgoing() {
    return jdbc.sql(
            """
            select b.channel, max(b.sequence) as highest,
                   count(*) filter (where b.state <> 'ACKNOWLEDGED') as unacknowledged,
                   min(b.sequence) filter (where b.state <> 'ACKNOWLEDGED') as oldest,
                   min(b.published_at) filter (where b.state <> 'ACKNOWLEDGED') as oldest_at,
                   coalesce(max(a.acknowledged), 0) as peer_acknowledged
            from outbound_batches b
            left join outbound_peer_acks a
              on a.sender_epoch = b.sender_epoch and a.channel = b.channel
            where b.sender_epoch = :epoch
            group by b.channel order by b.channel""")
        .param("epoch", self.epoch())
        .query(
            (row, n) ->
                new Outgoing(
                    row.getString("channel"),
                    row.getLong("highest"),
                    row.getLong("unacknowledged"),
                    (Long) row.getObject("oldest"),
                    instant(row.getTimestamp("oldest_at")),
                    row.getLong("peer_acknowledged")))
        .list();
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
