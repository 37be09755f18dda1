package io.airlock.requestside.outbound;

import io.airlock.platform.transfer.OutboundBatches;
import io.airlock.requestside.requests.RequestExports;
import io.airlock.requestside.users.AccountChangeExports;
import io.airlock.transfer.Channel;
import io.airlock.transfer.records.AccountChangeRecord;
import io.airlock.transfer.records.CancelRecord;
import io.airlock.transfer.records.RequestRecord;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The records waiting to be exported on the requests channel, from their owners: requests and
 * cancellations ({@link RequestExports}), account changes ({@link AccountChangeExports}). Each
 * owner keeps its own bookkeeping; this marks their records exported from the facts of the outbound
 * ledger.
 */
@Component
class ExportQueue {

  private final RequestExports requests;
  private final AccountChangeExports accountChanges;
  private final OutboundBatches outbound;

  ExportQueue(
      RequestExports requests, AccountChangeExports accountChanges, OutboundBatches outbound) {
    this.requests = requests;
    this.accountChanges = accountChanges;
    this.outbound = outbound;
  }

  /**
   * Whether a run has work: enough pending, the oldest waited long enough, or a batch to finish.
   */
  boolean due(int batchTrigger, Duration linger) {
    return requests.due(batchTrigger, linger) || accountChanges.due(linger);
  }

  /** Pending requests no batch took whose deadline passed become expired; returns how many. */
  int expireOverdue() {
    return requests.expireOverdue();
  }

  /** Exported requests still unanswered {@code grace} past their deadline become expired. */
  int expireUnanswered(Duration grace) {
    return requests.expireUnanswered(grace);
  }

  void failTooLarge(UUID request) {
    requests.failTooLarge(request);
  }

  List<RequestRecord> unclaimedRequests(int limit) {
    return requests.unclaimedRequests(limit);
  }

  List<CancelRecord> unclaimedCancellations(int limit) {
    return requests.unclaimedCancellations(limit);
  }

  List<AccountChangeRecord> unclaimedAccountChanges(int limit) {
    return accountChanges.unclaimed(limit);
  }

  /**
   * Marks the records as taken by batch {@code sequence}; runs in its allocation transaction.
   *
   * @throws IllegalStateException when another batch took one of them first (another instance),
   *     which rolls the allocation back so no record is ever in two batches
   */
  void claim(long sequence, Claim claim) {
    requests.claim(sequence, claim.requests(), claim.cancellations());
    accountChanges.claim(sequence, claim.accountChanges());
  }

  /**
   * Marks exported every record whose batch the ledger shows published: just sent, republished, or
   * published before a crash kept it from being marked. Returns how many requests.
   */
  int markPublished() {
    Set<Long> awaiting = new HashSet<>(requests.awaitingPublication());
    awaiting.addAll(accountChanges.awaitingPublication());
    var publications = outbound.publications(Channel.REQUESTS, awaiting);
    accountChanges.markExported(publications);
    return requests.markExported(publications);
  }

  /** The ids a batch takes, by kind. */
  record Claim(List<UUID> requests, List<UUID> cancellations, List<UUID> accountChanges) {}
}
