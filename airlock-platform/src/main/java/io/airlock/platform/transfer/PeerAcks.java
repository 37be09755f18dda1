package io.airlock.platform.transfer;

import io.airlock.transfer.SenderEpoch;
import io.airlock.transfer.manifest.ChannelAck;
import io.airlock.transfer.manifest.Manifest;
import java.sql.Timestamp;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The peer's acks of what this node sent, applied to the outbound ledger: they arrive in the peer's
 * batches, but they are about this node's own.
 */
final class PeerAcks {

  private static final Logger log = LoggerFactory.getLogger(PeerAcks.class);

  private final JdbcClient jdbc;
  private final SenderEpoch sender;
  private final Clock clock;

  PeerAcks(JdbcClient jdbc, SenderEpoch sender, Clock clock) {
    this.jdbc = jdbc;
    this.sender = sender;
    this.clock = clock;
  }

  /**
   * Takes the peer's acks of what this node sent (DESIGN §2 "Acks"): every batch of this node's
   * epoch at or below an ack's contiguous sequence is acknowledged. Acks only grow, so an older
   * manifest arriving late changes nothing.
   */
  void acknowledge(Manifest manifest) {
    for (ChannelAck ack : manifest.acks()) {
      if (!ack.peer().equals(sender)) {
        continue;
      }
      int acknowledged =
          jdbc.sql(
                  """
                  update outbound_batches set state = 'ACKNOWLEDGED', acknowledged_at = now()
                  where sender_epoch = :epoch and channel = :channel and sequence <= :contiguous
                    and state = 'PUBLISHED'""")
              .param("epoch", sender.epoch())
              .param("channel", ack.channel().wireName())
              .param("contiguous", ack.contiguous())
              .update();
      if (acknowledged > 0) {
        log.debug(
            "{} {} batch(es) acknowledged up to {}", acknowledged, ack.channel(), ack.contiguous());
      }
      // Said once for each new ack above what this node has sent, not with every batch.
      boolean newlyAboveSent =
          jdbc.sql(
                  """
                  select :contiguous > coalesce((select max(sequence) from outbound_batches
                                                 where sender_epoch = :epoch
                                                   and channel = :channel), 0)
                     and :contiguous > coalesce((select acknowledged from outbound_peer_acks
                                                 where sender_epoch = :epoch
                                                   and channel = :channel), 0)""")
              .param("epoch", sender.epoch())
              .param("channel", ack.channel().wireName())
              .param("contiguous", ack.contiguous())
              .query(Boolean.class)
              .single();
      if (newlyAboveSent) {
        log.error(
            "The peer acknowledges {} up to {}, above the highest sequence this node has sent:"
                + " this database is older than what it sent (restored from a backup?). Give it a"
                + " new sender epoch (README, \"Restoring a database\").",
            ack.channel(),
            ack.contiguous());
      }
      // What the peer is missing counts only from its newest manifest: an older one arriving
      // late changes nothing.
      jdbc.sql(
              """
              insert into outbound_peer_acks (sender_epoch, channel, missing, reported_at,
                  received_at, acknowledged)
              values (:epoch, :channel, :missing, :reportedAt, :receivedAt, :acknowledged)
              on conflict (sender_epoch, channel) do update
              set missing = excluded.missing, reported_at = excluded.reported_at,
                  received_at = excluded.received_at,
                  acknowledged = greatest(outbound_peer_acks.acknowledged, excluded.acknowledged)
              where excluded.reported_at >= outbound_peer_acks.reported_at""")
          .param("epoch", sender.epoch())
          .param("channel", ack.channel().wireName())
          .param("missing", ack.missing().toArray(Long[]::new))
          .param("acknowledged", ack.contiguous())
          .param("reportedAt", Timestamp.from(manifest.createdAt()))
          .param("receivedAt", Timestamp.from(clock.instant()))
          .update();
    }
  }
}
