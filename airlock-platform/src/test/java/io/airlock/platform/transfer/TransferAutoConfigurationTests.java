package io.airlock.platform.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.platform.time.ClockAutoConfiguration;
import io.airlock.transfer.Channel;
import io.airlock.transfer.Compression;
import io.airlock.transfer.SenderEpoch;
import io.airlock.transfer.batch.BatchReader;
import io.airlock.transfer.batch.BatchWriter;
import io.airlock.transfer.batch.EncodedBatch;
import io.airlock.transfer.batch.OutgoingBatch;
import io.airlock.transfer.batch.VerifyResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class TransferAutoConfigurationTests {

  @TempDir Path dataDir;

  ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(ClockAutoConfiguration.class, TransferAutoConfiguration.class))
        .withPropertyValues("airlock.side=test", "airlock.data-dir=" + dataDir);
  }

  @Test
  void createsTheTransferFoldersUnderTheDataDirAtStartUp() {
    runner()
        .run(
            context -> {
              TransferFolders folders = context.getBean(TransferFolders.class);
              assertThat(folders.outbox()).isEqualTo(dataDir.resolve("outbox"));
              assertThat(folders.inbox()).isEqualTo(dataDir.resolve("inbox"));
              assertThat(folders.all().values())
                  .allSatisfy(folder -> assertThat(folder).isDirectory());
              assertThat(
                      context
                          .getBean("transferFoldersHealthIndicator", HealthIndicator.class)
                          .health()
                          .getStatus())
                  .isEqualTo(Status.UP);
            });
  }

  @Test
  void usesTheConfiguredOutboxAndInbox() {
    runner()
        .withPropertyValues(
            "airlock.transfer.outbox=" + dataDir.resolve("diode/out"),
            "airlock.transfer.inbox=" + dataDir.resolve("diode/in"))
        .run(
            context -> {
              TransferFolders folders = context.getBean(TransferFolders.class);
              assertThat(folders.sent()).isEqualTo(dataDir.resolve("diode/out/sent")).isDirectory();
              assertThat(folders.failed())
                  .isEqualTo(dataDir.resolve("diode/in/failed"))
                  .isDirectory();
            });
  }

  @Test
  void startsEvenWhenAFolderCannotBeCreatedAndReportsItDown() throws Exception {
    Files.writeString(dataDir.resolve("inbox"), "in the way");
    runner()
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(
                      context
                          .getBean("transferFoldersHealthIndicator", HealthIndicator.class)
                          .health()
                          .getStatus())
                  .isEqualTo(Status.DOWN);
            });
  }

  @Test
  void signaturesAreOnUnlessTurnedOff() {
    runner()
        .run(
            context ->
                assertThat(context.getBean(TransferProperties.class).signatures().enabled())
                    .isTrue());
    runner()
        .withPropertyValues("airlock.transfer.signatures.enabled=false")
        .run(
            context ->
                assertThat(context.getBean(TransferProperties.class).signatures().enabled())
                    .isFalse());
  }

  @Test
  void generatesTheSigningKeyPairOnFirstStartAndKeepsItAfterwards() {
    String[] keyId = new String[1];
    runner()
        .run(
            context -> {
              assertThat(dataDir.resolve("keys/test.key")).exists();
              assertThat(dataDir.resolve("keys/test.pub")).exists();
              keyId[0] = context.getBean(BatchWriter.class).keyId().orElseThrow();
            });
    runner()
        .run(context -> assertThat(context.getBean(BatchWriter.class).keyId()).contains(keyId[0]));
  }

  @Test
  void refusesToStartWithHalfAKeyPair() throws Exception {
    Files.createDirectories(dataDir.resolve("keys"));
    Files.writeString(dataDir.resolve("keys/test.pub"), "orphan");

    runner()
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("Only half of the signing key pair exists"));
  }

  @Test
  void aBatchSignedByOneNodeIsVerifiedByAPeerThatTrustsItsKey() throws Exception {
    Path peerDir = Files.createDirectories(dataDir.resolve("peer"));
    Path[] published = new Path[1];
    runner()
        .run(
            context -> {
              EncodedBatch batch =
                  context
                      .getBean(BatchWriter.class)
                      .publish(
                          new OutgoingBatch(
                              Channel.CONTROL,
                              1,
                              UUID.randomUUID(),
                              new SenderEpoch("test", "epoch-1"),
                              Instant.now(),
                              List.of(),
                              Compression.NONE,
                              List.of(),
                              Map.of(Channel.REQUESTS, 0L),
                              null));
              published[0] = dataDir.resolve("outbox").resolve(batch.manifestFileName());
            });
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(ClockAutoConfiguration.class, TransferAutoConfiguration.class))
        .withPropertyValues(
            "airlock.side=peer",
            "airlock.data-dir=" + peerDir,
            "airlock.transfer.signatures.trusted-keys=" + dataDir.resolve("keys/test.pub"))
        .run(
            context -> {
              BatchReader reader = context.getBean(BatchReader.class);
              assertThat(reader.verify(published[0])).isInstanceOf(VerifyResult.Accepted.class);
            });
  }
}
