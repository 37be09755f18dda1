package io.airlock.platform.transfer;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.dao.DataAccessException;

/**
 * Per-channel link health in the detailed health: last batch heard and open gaps of what arrives,
 * oldest unacknowledged batch of what is sent. A link that is slow or broken is not a reason to
 * take the node out of service (the gap is often slow by design), so this indicator stays UP and
 * lists the warnings; it is not part of readiness.
 */
class LinkHealthIndicator implements HealthIndicator {

  private final TransferLinks links;
  private final Duration unacknowledgedWarning;
  private final Clock clock;

  /**
   * @param unacknowledgedWarning how long a sent batch may wait for its ack before it is a warning;
   *     null: never (a one-way link)
   */
  LinkHealthIndicator(TransferLinks links, Duration unacknowledgedWarning, Clock clock) {
    this.links = links;
    this.unacknowledgedWarning = unacknowledgedWarning;
    this.clock = clock;
  }

  @Override
  public Health health() {
    try {
      return read();
    } catch (DataAccessException e) {
      // The database's own indicator is DOWN; the link itself is not known to be broken.
      return Health.unknown().withDetail("error", "the ledger is unreadable: " + e).build();
    }
  }

  private Health read() {
    List<String> warnings = new ArrayList<>();
    Map<String, Object> incoming = new LinkedHashMap<>();
    for (TransferLinks.Incoming in : links.incoming()) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("peer", in.peer().nodeId() + "/" + in.peer().epoch());
      details.put("lastHeardAt", in.lastHeardAt());
      details.put("contiguous", in.contiguous());
      details.put("gaps", in.gaps());
      details.put("rejectedBatches", in.rejectedBatches());
      details.put("conflicts", in.conflicts());
      incoming.put(in.channel() + "@" + in.peer().nodeId(), details);
      if (!in.gaps().isEmpty()) {
        warnings.add(in.channel() + ": sequences " + in.gaps() + " missing");
      }
      if (in.conflicts() > 0) {
        warnings.add(
            in.channel()
                + ": "
                + in.conflicts()
                + " batch(es) from "
                + in.peer().nodeId()
                + " reused an applied sequence with other content (quarantined in inbox/failed)");
      }
    }
    Map<String, Object> outgoing = new LinkedHashMap<>();
    for (TransferLinks.Outgoing out : links.outgoing()) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("highestSent", out.highestSent());
      details.put("unacknowledged", out.unacknowledged());
      details.put("oldestUnacknowledged", out.oldestUnacknowledged());
      details.put("oldestUnacknowledgedAt", out.oldestUnacknowledgedAt());
      details.put("peerAcknowledged", out.peerAcknowledged());
      outgoing.put(out.channel(), details);
      if (out.peerAcknowledged() > out.highestSent()) {
        warnings.add(
            out.channel()
                + ": the peer acknowledges up to "
                + out.peerAcknowledged()
                + ", above the highest sequence sent ("
                + out.highestSent()
                + "): this database is older than what it sent; give it a new sender epoch");
      }
      if (unacknowledgedWarning != null
          && out.oldestUnacknowledgedAt() != null
          && out.oldestUnacknowledgedAt().plus(unacknowledgedWarning).isBefore(clock.instant())) {
        warnings.add(
            out.channel()
                + ": batch "
                + out.oldestUnacknowledged()
                + " unacknowledged for over "
                + unacknowledgedWarning);
      }
    }
    return Health.up()
        .withDetail("incoming", incoming)
        .withDetail("outgoing", outgoing)
        .withDetail("warnings", warnings)
        .build();
  }
}
