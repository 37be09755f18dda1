package io.airlock.platform.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.transfer.batch.BatchWriter;
import io.airlock.transfer.signing.BatchSigner;
import io.airlock.transfer.signing.PemKeys;
import io.airlock.transfer.signing.SignaturePolicy;
import io.airlock.transfer.signing.TrustedKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class TransferFoldersHealthIndicatorTests {

  @TempDir Path dataDir;
  TransferFolders folders;

  BatchWriter signingWriter;
  SignaturePolicy trustingPeer;
  final OutboxFailures outboxFailures = new OutboxFailures(Clock.systemUTC());

  @BeforeEach
  void createFolders() throws IOException {
    folders = new TransferFolders(dataDir.resolve("outbox"), dataDir.resolve("inbox"));
    folders.create();
    KeyPair own = PemKeys.generate();
    signingWriter =
        new BatchWriter(folders.outbox(), new BatchSigner(own.getPrivate(), own.getPublic()));
    trustingPeer =
        SignaturePolicy.required(TrustedKeys.of(List.of(PemKeys.generate().getPublic())));
  }

  private TransferFoldersHealthIndicator indicator() {
    return new TransferFoldersHealthIndicator(folders, signingWriter, trustingPeer, outboxFailures);
  }

  @Test
  void isUpWhenEveryFolderExistsAndTakesAFile() {
    Health health = indicator().health();

    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails())
        .containsEntry("signatures", "on")
        .containsEntry("signingKey", signingWriter.keyId().orElseThrow())
        .doesNotContainKey("warning");
    assertThat(folders.archive()).isEmptyDirectory();
  }

  @Test
  void isDownWithTheReasonWhenAFolderIsReplacedByAFile() throws IOException {
    Files.delete(folders.archive());
    Files.writeString(folders.archive(), "not a folder");

    Health health = indicator().health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails().get("reason"))
        .isEqualTo(folders.archive() + " is not a directory");
  }

  @Test
  void isDownWithTheReasonWhileWritingBatchesToTheOutboxFails() {
    outboxFailures.failed(new IOException("No space left on device"));

    Health failing = indicator().health();
    outboxFailures.succeeded();
    Health recovered = indicator().health();

    assertThat(failing.getStatus()).isEqualTo(Status.DOWN);
    assertThat(failing.getDetails().get("reason"))
        .asString()
        .startsWith("writing batches to the outbox has failed since ")
        .endsWith("java.io.IOException: No space left on device");
    assertThat(recovered.getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void isDownWithTheReasonWhenAFolderIsMissing() throws IOException {
    Files.delete(folders.sent());

    Health health = indicator().health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails().get("reason")).isEqualTo(folders.sent() + " is missing");
  }

  @Test
  void staysUpButWarnsWhenSignaturesAreOff() {
    Health health =
        new TransferFoldersHealthIndicator(
                folders,
                new BatchWriter(folders.outbox(), null),
                SignaturePolicy.disabled(),
                outboxFailures)
            .health();

    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails())
        .containsEntry("signatures", "off")
        .containsEntry("warning", TransferFoldersHealthIndicator.SIGNATURES_OFF);
  }

  @Test
  void warnsWhenNoKeyIsTrustedForIncomingBatches() {
    Health health =
        new TransferFoldersHealthIndicator(
                folders,
                signingWriter,
                SignaturePolicy.required(TrustedKeys.of(List.of())),
                outboxFailures)
            .health();

    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails())
        .containsEntry("warning", TransferFoldersHealthIndicator.NO_TRUSTED_KEYS);
  }
}
