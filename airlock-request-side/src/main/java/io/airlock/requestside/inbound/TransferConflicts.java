package io.airlock.requestside.inbound;

import io.airlock.platform.transfer.ImportOutcome;
import io.airlock.requestside.audit.AuditLog;
import io.airlock.transfer.manifest.Manifest;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Puts every transfer conflict (a batch that reused a sequence already applied, with other content,
 * quarantined unapplied) in the audit log, beside the link health's warning: it means the response
 * side's ledger and this side's disagree, and is worth an investigation.
 */
@Component
class TransferConflicts {

  private final AuditLog audit;

  TransferConflicts(AuditLog audit) {
    this.audit = audit;
  }

  @EventListener
  void record(ImportOutcome.Conflict conflict) {
    Manifest manifest = conflict.manifest();
    audit.record(
        "system:importer",
        "transfer.conflict",
        "batch:" + manifest.channel().wireName() + "/" + manifest.sequence(),
        AuditLog.Outcome.FAILURE,
        "from %s/%s: applied before with SHA-256 %s, arrived with %s; quarantined in inbox/failed"
            .formatted(
                manifest.sender().nodeId(),
                manifest.sender().epoch(),
                conflict.appliedSha256(),
                manifest.payloadSha256()));
  }
}
