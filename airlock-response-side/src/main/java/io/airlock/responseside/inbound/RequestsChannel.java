package io.airlock.responseside.inbound;

import io.airlock.platform.transfer.AppliedBatch;
import io.airlock.platform.transfer.InboundChannel;
import io.airlock.responseside.inbound.InboundAudit.Subject;
import io.airlock.responseside.inbound.RequestScreening.CheckedQuery;
import io.airlock.transfer.Channel;
import io.airlock.transfer.records.AccountChangeRecord;
import io.airlock.transfer.records.CancelRecord;
import io.airlock.transfer.records.RecordLine;
import io.airlock.transfer.records.RecordType;
import io.airlock.transfer.records.RequestRecord;
import io.airlock.transfer.records.TransferRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Takes in the requests channel (DESIGN §2): requests, cancels and account changes, each applied
 * once by id. It runs inside the batch's transaction, so it never throws for what a record says:
 * every record is applied, answered or refused, and audited either way.
 */
@Component
class RequestsChannel implements InboundChannel {

  private final RequestImport requests;
  private final CancelImport cancels;
  private final AccountChangeImport accountChanges;
  private final InboundAudit audit;

  RequestsChannel(
      RequestImport requests,
      CancelImport cancels,
      AccountChangeImport accountChanges,
      InboundAudit audit) {
    this.requests = requests;
    this.cancels = cancels;
    this.accountChanges = accountChanges;
    this.audit = audit;
  }

  @Override
  public Channel channel() {
    return Channel.REQUESTS;
  }

  /**
   * Requests in a row are taken in together ({@link RequestImport#applyAll}), the rest one by one;
   * the requests' queries are checked ahead, outside the batch's transaction.
   */
  @Override
  public PreparedRun prepare(List<TransferRecord> records) {
    Map<RequestRecord, CheckedQuery> queries =
        requests.checkQueries(
            records.stream()
                .filter(RequestRecord.class::isInstance)
                .map(RequestRecord.class::cast)
                .toList());
    return batch -> applyAll(records, queries, batch);
  }

  @Override
  public void applyAll(List<TransferRecord> records, AppliedBatch batch) {
    prepare(records).apply(batch);
  }

  private void applyAll(
      List<TransferRecord> records, Map<RequestRecord, CheckedQuery> queries, AppliedBatch batch) {
    List<RequestRecord> requestRun = new ArrayList<>();
    for (TransferRecord record : records) {
      if (record instanceof RequestRecord request) {
        requestRun.add(request);
        continue;
      }
      if (!requestRun.isEmpty()) {
        requests.applyAll(List.copyOf(requestRun), queries, arrival(batch));
        requestRun.clear();
      }
      apply(record, batch);
    }
    if (!requestRun.isEmpty()) {
      requests.applyAll(requestRun, queries, arrival(batch));
    }
  }

  @Override
  public void apply(TransferRecord record, AppliedBatch batch) {
    Arrival arrival = arrival(batch);
    if (record instanceof RequestRecord request) {
      requests.apply(request, arrival);
    } else if (record instanceof CancelRecord cancel) {
      cancels.apply(cancel, arrival);
    } else if (record instanceof AccountChangeRecord change) {
      accountChanges.apply(change, arrival);
    } else {
      audit.refused(
          arrival,
          new Subject(null, record.id(), null, null),
          record.type().wireName() + ".refused",
          "unexpected_record",
          "type: not a record of the requests channel");
    }
  }

  /**
   * The platform quarantined the record; a request the request side waits for is answered all the
   * same (DESIGN §2), and every refused record is audited.
   */
  @Override
  public void refused(RecordLine.Invalid line, AppliedBatch batch) {
    Arrival arrival = arrival(batch);
    Optional<UUID> id = WireText.uuid(line.id());
    if (RecordType.REQUEST.wireName().equals(line.type()) && id.isPresent()) {
      requests.refuseUnreadable(id.get(), line.reason(), arrival);
      return;
    }
    // Only a known type names the action: the line's own type field is whatever was sent.
    String type = RecordType.fromWireName(line.type()).map(RecordType::wireName).orElse("record");
    audit.refused(
        arrival,
        new Subject(null, line.id(), null, null),
        type + ".refused",
        "invalid_record",
        line.reason());
  }

  private static Arrival arrival(AppliedBatch batch) {
    return new Arrival(batch.manifest().sender().nodeId(), batch.ledgerId(), batch.receivedAt());
  }
}
