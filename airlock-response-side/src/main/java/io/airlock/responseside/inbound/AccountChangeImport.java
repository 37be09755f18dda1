package io.airlock.responseside.inbound;

import io.airlock.responseside.directory.AccountChange;
import io.airlock.responseside.directory.AccountChangeOutcome;
import io.airlock.responseside.directory.AccountChanges;
import io.airlock.responseside.inbound.InboundAudit.Subject;
import io.airlock.transfer.records.AccountChangeRecord;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Takes in a user's change to their own account: the directory decides, the audit tells. */
@Component
class AccountChangeImport {

  private final AccountChanges changes;
  private final InboundAudit audit;

  AccountChangeImport(AccountChanges changes, InboundAudit audit) {
    this.changes = changes;
    this.audit = audit;
  }

  void apply(AccountChangeRecord change, Arrival arrival) {
    Subject subject = new Subject(change.userId(), change.id(), change.userId(), null);
    Optional<UUID> changeId = WireText.uuid(change.id());
    Optional<UUID> userId = WireText.uuid(change.userId());
    if (changeId.isEmpty()) {
      audit.refused(
          arrival, subject, "account_change.refused", "invalid_record", "id: must be a UUID");
      return;
    }
    if (userId.isEmpty()) {
      audit.refused(
          arrival, subject, "account_change.refused", "user_unknown", "user_id: no such user");
      return;
    }
    AccountChangeOutcome outcome =
        changes.apply(
            new AccountChange(
                userId.get(),
                changeId.get(),
                change.displayName(),
                change.email(),
                change.passwordHash()));
    if (outcome instanceof AccountChangeOutcome.Refused refused) {
      audit.refused(arrival, subject, "account_change.refused", refused.code(), refused.detail());
    } else if (outcome instanceof AccountChangeOutcome.AlreadyApplied) {
      audit.ignored(
          arrival,
          subject,
          "account_change.duplicate",
          "duplicate",
          "the change was applied before");
    } else {
      audit.applied(arrival, subject, "account_change.applied");
    }
  }
}
