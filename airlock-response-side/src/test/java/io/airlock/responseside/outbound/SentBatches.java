package io.airlock.responseside.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.platform.transfer.TransferFolders;
import io.airlock.transfer.batch.BatchReader;
import io.airlock.transfer.batch.ReceiveLimits;
import io.airlock.transfer.batch.RecordCursor;
import io.airlock.transfer.batch.VerifyResult;
import io.airlock.transfer.manifest.Manifest;
import io.airlock.transfer.records.RecordLine;
import io.airlock.transfer.records.TransferRecord;
import io.airlock.transfer.signing.PemKeys;
import io.airlock.transfer.signing.SignaturePolicy;
import io.airlock.transfer.signing.TrustedKeys;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.springframework.core.env.Environment;

/**
 * The batches this side published on a channel, read from {@code outbox/sent} as the request side
 * would read them, verified with this side's own public key, in sequence order.
 */
final class SentBatches {

  private final TransferFolders folders;
  private final Path ownKey;

  SentBatches(TransferFolders folders, Environment environment) {
    this.folders = folders;
    this.ownKey =
        Path.of(environment.getRequiredProperty("airlock.data-dir")).resolve("keys/response.pub");
  }

  /** A published batch: its manifest and its records. */
  record Sent(Manifest manifest, List<TransferRecord> records) {}

  List<Sent> on(String channel) throws IOException {
    BatchReader reader =
        new BatchReader(
            SignaturePolicy.required(TrustedKeys.of(List.of(PemKeys.readPublicKey(ownKey)))),
            ReceiveLimits.DEFAULTS);
    // Names carry the sequence in 12 digits, so name order is sequence order.
    TreeSet<Path> manifests = new TreeSet<>();
    try (DirectoryStream<Path> files =
        Files.newDirectoryStream(folders.sent(), channel + "-*.manifest.json")) {
      files.forEach(manifests::add);
    }
    List<Sent> batches = new ArrayList<>();
    for (Path manifest : manifests) {
      VerifyResult result = reader.verify(manifest);
      assertThat(result).isInstanceOf(VerifyResult.Accepted.class);
      var batch = ((VerifyResult.Accepted) result).batch();
      List<TransferRecord> records = new ArrayList<>();
      try (RecordCursor cursor = batch.openRecords()) {
        cursor.forEachRemaining(line -> records.add(((RecordLine.Valid) line).record()));
      }
      batches.add(new Sent(batch.manifest(), records));
    }
    return batches;
  }

  List<TransferRecord> recordsOn(String channel) throws IOException {
    return on(channel).stream().flatMap(b -> b.records().stream()).toList();
  }
}
