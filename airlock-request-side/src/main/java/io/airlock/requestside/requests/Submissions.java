package io.airlock.requestside.requests;

import io.airlock.platform.database.GroupCommit;
import io.airlock.requestside.audit.AuditLog;
import java.util.Objects;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores accepted submissions with their audit rows and idempotency keys, by group commit:
 * submissions arriving together share one transaction of two multi-row inserts, and each caller
 * returns (and its 202 is sent) only once its own rows are committed.
 */
@Component
class Submissions {

  /** The most submissions one transaction stores. */
  static final int MAX_GROUP = 256;

  /**
   * One accepted submission: its request, its audit row, and the idempotency key it came with (null
   * without one).
   */
  record Submission(
      Requests.NewRequest request, AuditLog.Entry audit, IdempotencyKeys.Stored idempotencyKey) {}

  private final GroupCommit<Submission> group;

  Submissions(
      Requests requests,
      AuditLog audit,
      IdempotencyKeys idempotencyKeys,
      TransactionTemplate transactions) {
    this.group =
        new GroupCommit<>(
            submissions ->
                transactions.executeWithoutResult(
                    status -> {
                      requests.addAll(submissions.stream().map(Submission::request).toList());
                      audit.recordAll(submissions.stream().map(Submission::audit).toList());
                      idempotencyKeys.addAll(
                          submissions.stream()
                              .map(Submission::idempotencyKey)
                              .filter(Objects::nonNull)
                              .toList());
                    }),
            MAX_GROUP);
  }

  /** Stores the submission; returns once it is committed. */
  void store(Submission submission) {
    group.write(submission);
  }
}
