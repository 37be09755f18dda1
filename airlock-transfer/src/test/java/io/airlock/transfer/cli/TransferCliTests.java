package io.airlock.transfer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.transfer.Channel;
import io.airlock.transfer.Entropy;
import io.airlock.transfer.SenderEpoch;
import io.airlock.transfer.TransferFixtures;
import io.airlock.transfer.batch.BatchWriter;
import io.airlock.transfer.batch.EncodedBatch;
import io.airlock.transfer.batch.OutgoingBatch;
import io.airlock.transfer.signing.BatchSigner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransferCliTests {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private TransferCli cli;

  @BeforeEach
  void setUp() {
    cli =
        new TransferCli(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void keygenWritesAKeyPairThatSignsBatchesVerifyAccepts() throws IOException {
    assertThat(cli.run(new String[] {"keygen", "request-side", "--dir", dir.toString()})).isZero();
    assertThat(Files.readString(dir.resolve("request-side.key")))
        .startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(Files.readString(dir.resolve("request-side.pub")))
        .startsWith("-----BEGIN PUBLIC KEY-----");

    Path outbox = Files.createDirectory(dir.resolve("outbox"));
    BatchSigner signer =
        BatchSigner.fromPemFiles(dir.resolve("request-side.key"), dir.resolve("request-side.pub"));
    TransferFixtures fixtures = new TransferFixtures(Entropy.of(new Random(3)));
    EncodedBatch first =
        new BatchWriter(outbox, signer).publish(fixtures.batch(Channel.REQUESTS, 1, 4));
    new BatchWriter(outbox, signer).publish(fixtures.batch(Channel.REQUESTS, 2, 4));

    int status =
        cli.run(
            new String[] {
              "verify", "--trust", dir.resolve("request-side.pub").toString(), outbox.toString()
            });

    assertThat(status).isZero();
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed)
        .contains("OK       " + first.manifestFileName())
        .contains("channel=requests sequence=1 records=" + first.manifest().recordCount())
        .contains("sha256=" + first.manifest().payloadSha256())
        .contains("signature=verified key=" + signer.keyId())
        .contains("0 batch(es) bad");
  }

  @Test
  void resendPublishesARangeAgainByteIdenticalAndNamesWhatTheArchiveLacks() throws IOException {
    Path outbox = Files.createDirectory(dir.resolve("outbox"));
    BatchWriter writer = new BatchWriter(outbox, TransferFixtures.signer());
    TransferFixtures fixtures = new TransferFixtures(Entropy.of(new Random(5)));
    EncodedBatch second = null;
    for (long sequence = 1; sequence <= 3; sequence++) {
      EncodedBatch batch = writer.publish(fixtures.batch(Channel.RESULTS, sequence, 2));
      second = sequence == 2 ? batch : second;
    }
    writer.publish(fixtures.batch(Channel.DIRECTORY, 2, 2));
    // The medium took the batches: only the archive in sent/ still has them.
    try (var files = Files.newDirectoryStream(outbox, "*.*")) {
      for (Path file : files) {
        Files.delete(file);
      }
    }

    int status =
        cli.run(
            new String[] {
              "resend",
              "--outbox",
              outbox.toString(),
              "--channel",
              "results",
              "--from",
              "2",
              "--to",
              "4"
            });

    assertThat(status).as("4 was never sent").isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("resent   " + second.manifestFileName())
        .contains("2 batch(es) resent")
        .contains("[4]");
    assertThat(Files.readAllBytes(outbox.resolve(second.manifestFileName())))
        .isEqualTo(second.manifestFile());
    assertThat(Files.readAllBytes(outbox.resolve(second.payloadFileName())))
        .isEqualTo(second.payload());
    try (var files = Files.newDirectoryStream(outbox, "*.manifest.json")) {
      assertThat(files).as("results 2 and 3 only, not 1, not directory 2").hasSize(2);
    }
  }

  @Test
  void resendAsksWhichEpochWhenTheArchiveHoldsSeveralAndSendsOnlyThatOne() throws IOException {
    Path outbox = Files.createDirectory(dir.resolve("outbox"));
    BatchWriter writer = new BatchWriter(outbox, TransferFixtures.signer());
    TransferFixtures fixtures = new TransferFixtures(Entropy.of(new Random(7)));
    SenderEpoch rebuilt = new SenderEpoch("response", "epoch-after-a-new-database");
    EncodedBatch newer = null;
    for (long sequence = 1; sequence <= 2; sequence++) {
      writer.publish(fixtures.batch(Channel.RESULTS, sequence, 2));
      OutgoingBatch old = fixtures.batch(Channel.RESULTS, sequence, 2);
      newer =
          writer.publish(
              new OutgoingBatch(
                  old.channel(),
                  old.sequence(),
                  old.batchId(),
                  rebuilt,
                  old.createdAt(),
                  old.records(),
                  old.compression(),
                  old.acks(),
                  old.highestSent(),
                  old.snapshot()));
    }
    try (var files = Files.newDirectoryStream(outbox, "*.*")) {
      for (Path file : files) {
        Files.delete(file);
      }
    }
    String[] range = {
      "resend", "--outbox", outbox.toString(), "--channel", "results", "--from", "2"
    };

    assertThat(cli.run(range)).as("same sequence, two batches: which?").isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("several sender epochs")
        .contains(rebuilt.epoch());
    try (var files = Files.newDirectoryStream(outbox, "*.manifest.json")) {
      assertThat(files).as("nothing sent").isEmpty();
    }

    String[] withEpoch = java.util.Arrays.copyOf(range, range.length + 2);
    withEpoch[range.length] = "--epoch";
    withEpoch[range.length + 1] = rebuilt.epoch();
    assertThat(cli.run(withEpoch)).isZero();
    List<byte[]> sentAgain = new ArrayList<>();
    try (var files = Files.newDirectoryStream(outbox, "*.manifest.json")) {
      for (Path file : files) {
        sentAgain.add(Files.readAllBytes(file));
      }
    }
    assertThat(sentAgain).containsExactly(newer.manifestFile());
  }

  @Test
  void resendRefusesAnIncompleteCommand() {
    assertThat(cli.run(new String[] {"resend", "--channel", "results", "--from", "1"}))
        .isEqualTo(2);
    assertThat(
            cli.run(
                new String[] {
                  "resend", "--outbox", dir.toString(), "--channel", "nope", "--from", "1"
                }))
        .isEqualTo(2);
    assertThat(
            cli.run(
                new String[] {
                  "resend",
                  "--outbox",
                  dir.toString(),
                  "--channel",
                  "results",
                  "--from",
                  "1",
                  "--to",
                  "x"
                }))
        .as("an unreadable --to is no --to")
        .isEqualTo(2);
    assertThat(
            cli.run(
                new String[] {
                  "resend",
                  "--outbox",
                  dir.toString(),
                  "--channel",
                  "results",
                  "--from",
                  "1",
                  "--to",
                  "100001"
                }))
        .isEqualTo(2);
  }

  @Test
  void verifyExitsNonZeroOnABadBatchAndNamesTheReason() throws IOException {
    Path outbox = Files.createDirectory(dir.resolve("outbox"));
    EncodedBatch batch =
        new BatchWriter(outbox, TransferFixtures.signer())
            .publish(new TransferFixtures(Entropy.of(new Random(4))).batch(Channel.RESULTS, 1, 3));
    Files.write(outbox.resolve(batch.payloadFileName()), new byte[] {1, 2, 3});
    Path trusted = dir.resolve("trusted.pub");
    writePublicKey(trusted);

    int status =
        cli.run(
            new String[] {
              "verify",
              "--trust",
              trusted.toString(),
              outbox.resolve(batch.payloadFileName()).toString()
            });

    assertThat(status).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("REJECTED " + batch.manifestFileName() + " reason=size_mismatch");
  }

  @Test
  void verifyRefusesToRunWithoutTrustedKeysUnlessSignaturesAreSkipped() throws IOException {
    assertThat(cli.run(new String[] {"verify", dir.toString()})).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--trust");
    assertThat(cli.run(new String[] {"verify", "--no-signatures", dir.toString()})).isZero();
  }

  @Test
  void keygenNeverOverwritesAnExistingKey() {
    assertThat(cli.run(new String[] {"keygen", "k", "--dir", dir.toString()})).isZero();
    assertThat(cli.run(new String[] {"keygen", "k", "--dir", dir.toString()})).isEqualTo(2);
    assertThat(cli.run(new String[] {"keygen", "../escape", "--dir", dir.toString()})).isEqualTo(2);
  }

  private static void writePublicKey(Path file) throws IOException {
    Files.writeString(file, TransferFixtures.trustedPublicKeyPem());
  }
}
