package io.airlock.requestside.requests;

import io.airlock.platform.database.GroupCommit;
import io.airlock.requestside.audit.AuditLog;
import io.airlock.requestside.ratelimit.QuotaDecision;
import io.airlock.requestside.ratelimit.QuotaMeters;
import io.airlock.requestside.ratelimit.Quotas;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes submissions from their users' quotas and stores those the quotas allow, with their audit
 * rows and idempotency keys, by group commit: submissions arriving together share one transaction
 * (one take from each user's counts, then multi-row inserts), and each caller returns (and its 202
 * is sent) only once its own rows are committed. A take is undone with the transaction, so a
 * submission that fails to be stored counts against nothing.
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

  private final GroupCommit<Submission, QuotaDecision> group;
  private final Requests requests;
  private final AuditLog audit;
  private final IdempotencyKeys idempotencyKeys;
  private final Quotas quotas;
  private final QuotaMeters quotaMeters;

  Submissions(
      Requests requests,
      AuditLog audit,
      IdempotencyKeys idempotencyKeys,
      Quotas quotas,
      QuotaMeters quotaMeters,
      TransactionTemplate transactions) {
    this.requests = requests;
    this.audit = audit;
    this.idempotencyKeys = idempotencyKeys;
    this.quotas = quotas;
    this.quotaMeters = quotaMeters;
    this.group =
        new GroupCommit<>(
            submissions -> transactions.execute(status -> takeAndStore(submissions)), MAX_GROUP);
  }

  /**
   * Takes the submission from its user's quotas and, if they allow it, stores it; returns once that
   * is committed, with what the quotas said.
   */
  QuotaDecision store(Submission submission) {
    QuotaDecision decision = group.write(submission);
    quotaMeters.told(decision);
    return decision;
  }

  private List<QuotaDecision> takeAndStore(List<Submission> submissions) {
    List<QuotaDecision> decisions =
        quotas.takeAll(submissions.stream().map(s -> s.request().ownerId()).toList());
    List<Submission> allowed = new ArrayList<>(submissions.size());
    for (int i = 0; i < submissions.size(); i++) {
      if (decisions.get(i) instanceof QuotaDecision.Allowed) {
        allowed.add(submissions.get(i));
      }
    }
    if (!allowed.isEmpty()) {
      requests.addAll(allowed.stream().map(Submission::request).toList());
      audit.recordAll(allowed.stream().map(Submission::audit).toList());
      idempotencyKeys.addAll(
          allowed.stream().map(Submission::idempotencyKey).filter(Objects::nonNull).toList());
    }
    return decisions;
  }
}
