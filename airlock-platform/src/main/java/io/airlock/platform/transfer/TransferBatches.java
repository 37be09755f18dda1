package io.airlock.platform.transfer;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.airlock.transfer.batch.BatchName;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;

/**
 * One batch as an operator looks into it: its ledger row, what the peer said of it or what was
 * quarantined from it, its manifest, and its files to download while the folders hold them. For the
 * admin API and the console alike.
 */
public final class TransferBatches {

  public static final String ZIP = "application/zip";

  /** Most quarantined records a batch's details list; the ledger keeps them all. */
  public static final int QUARANTINED_SHOWN = 100;

  /**
   * An outbound batch.
   *
   * @param files the names of its files that {@code outbox/sent/} still holds
   * @param manifest its manifest's JSON as published, while it is held; null once pruned
   */
  public record Sent(
      TransferLedger.ExportBatch batch,
      @JsonProperty("peer_ack") TransferLedger.PeerAck peerAck,
      List<String> files,
      String manifest) {}

  /**
   * An inbound batch.
   *
   * @param quarantined its first {@value #QUARANTINED_SHOWN} quarantined records, in line order
   * @param files the names of its files that the archive or {@code inbox/failed/} holds
   * @param manifest its manifest's text as it arrived (perhaps not JSON, if it was refused), while
   *     it is held; else null
   */
  public record Received(
      TransferLedger.ImportBatch batch,
      List<TransferLedger.QuarantinedRecord> quarantined,
      List<String> files,
      String manifest) {}

  private final TransferLedger ledger;
  private final BatchFiles files;

  TransferBatches(TransferLedger ledger, BatchFiles files) {
    this.ledger = ledger;
    this.files = files;
  }

  public Optional<Sent> sent(UUID batchId) throws IOException {
    Optional<TransferLedger.ExportBatch> found = ledger.export(batchId);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    TransferLedger.ExportBatch batch = found.get();
    List<Path> held = files.of(batch);
    return Optional.of(
        new Sent(
            batch, ledger.peerAck(batch), names(held), BatchFiles.manifest(held).orElse(null)));
  }

  public Optional<Received> received(long id) throws IOException {
    Optional<TransferLedger.ImportBatch> found = ledger.received(id);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    TransferLedger.ImportBatch batch = found.get();
    List<Path> held = files.of(batch);
    return Optional.of(
        new Received(
            batch,
            ledger.quarantined(id, QUARANTINED_SHOWN),
            names(held),
            BatchFiles.manifest(held).orElse(null)));
  }

  /**
   * A batch's files as one ZIP download.
   *
   * @param fileName what to save it as: the batch's file stem, {@code .zip}
   */
  public record Download(String fileName, List<Path> files) {

    public void writeTo(OutputStream out) throws IOException {
      BatchFiles.zip(files, out);
    }

    /** Answers with the files as a ZIP attachment. */
    public void send(HttpServletResponse response) throws IOException {
      response.setContentType(ZIP);
      response.setHeader(
          HttpHeaders.CONTENT_DISPOSITION,
          ContentDisposition.attachment().filename(fileName).build().toString());
      writeTo(response.getOutputStream());
    }
  }

  /** The outbound batch's files; empty when there is no such batch or its files are pruned. */
  public Optional<Download> downloadSent(UUID batchId) {
    return ledger.export(batchId).flatMap(batch -> download(batch.name().stem(), files.of(batch)));
  }

  /** The inbound batch's files, with the reason if it was refused; empty when none is held. */
  public Optional<Download> downloadReceived(long id) {
    return ledger
        .received(id)
        .flatMap(
            batch ->
                download(batch.fileName().replace(BatchName.MANIFEST_SUFFIX, ""), files.of(batch)));
  }

  private static Optional<Download> download(String stem, List<Path> held) {
    return held.isEmpty() ? Optional.empty() : Optional.of(new Download(stem + ".zip", held));
  }

  private static List<String> names(List<Path> held) {
    return held.stream().map(path -> path.getFileName().toString()).toList();
  }
}
