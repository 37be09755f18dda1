package io.airlock.responseside.inbound;

import io.airlock.platform.transfer.ImportOutcome;
import io.airlock.responseside.monitoring.SystemLog;
import io.airlock.transfer.manifest.Manifest;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Puts every transfer conflict (a batch that reused a sequence already applied, with other content,
 * quarantined unapplied) in the system log as an error, beside the link health's warning: it means
 * the request side's ledger and this side's disagree, and is worth an investigation.
 */
@Component
class TransferConflicts {

  static final String COMPONENT = "transfer";

  private final SystemLog log;

  TransferConflicts(SystemLog log) {
    this.log = log;
  }

  @EventListener
  void record(ImportOutcome.Conflict conflict) {
    Manifest manifest = conflict.manifest();
    log.record(
        SystemLog.Level.ERROR,
        COMPONENT,
        "A batch reused a sequence already applied, with other content; quarantined in"
            + " inbox/failed, not applied",
        Map.of(
            "channel", manifest.channel().wireName(),
            "sequence", manifest.sequence(),
            "sender", manifest.sender().nodeId() + "/" + manifest.sender().epoch(),
            "applied_sha256", conflict.appliedSha256(),
            "arrived_sha256", manifest.payloadSha256()));
  }
}
