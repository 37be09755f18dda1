package io.airlock.transfer.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.transfer.Channel;
import io.airlock.transfer.Compression;
import io.airlock.transfer.Entropy;
import io.airlock.transfer.TransferFixtures;
import io.airlock.transfer.manifest.Manifest;
import io.airlock.transfer.manifest.ManifestCodec;
import io.airlock.transfer.signing.BatchSigner;
import io.airlock.transfer.signing.SignaturePolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per {@link RejectionReason}: each check catches what it is there for. */
class BatchRejectionTests {

  @TempDir Path inbox;

  private final TransferFixtures fixtures = new TransferFixtures(Entropy.of(new Random(7)));
  private final BatchReader reader = reader(ReceiveLimits.DEFAULTS);

  @Test
  void rejectsAFileWhoseNameIsNotABatchManifestName() throws IOException {
    EncodedBatch batch = publish(Compression.NONE);
    Path renamed = inbox.resolve("../" + batch.manifestFileName());

    assertRejected(
        reader.verify(inbox.resolve("notes.manifest.json")), RejectionReason.NAME_INVALID);
    assertRejected(
        reader.verify(inbox.resolve(batch.manifestFileName().toUpperCase())),
        RejectionReason.NAME_INVALID);
    assertThat(renamed.getFileName().toString()).isEqualTo(batch.manifestFileName());
  }

  @Test
  void rejectsASymbolicLinkInPlaceOfTheManifest() throws IOException {
    EncodedBatch batch = publish(Compression.NONE);
    Path manifest = inbox.resolve(batch.manifestFileName());
    Path real = Files.move(manifest, inbox.resolve("elsewhere"));
    Files.createSymbolicLink(manifest, real);

    assertRejected(reader.verify(manifest), RejectionReason.LINK_REFUSED);
  }

  @Test
  void rejectsAHardLinkedPayload() throws IOException {
    EncodedBatch batch = publish(Compression.NONE);
    Files.createLink(inbox.resolve("second-name"), inbox.resolve(batch.payloadFileName()));

    assertRejected(verify(batch), RejectionReason.LINK_REFUSED);
  }

  @Test
  void rejectsABatchWhoseManifestIsMissing() throws IOException {
    EncodedBatch batch = publish(Compression.NONE);
    Files.delete(inbox.resolve(batch.manifestFileName()));

    assertRejected(verify(batch), RejectionReason.MANIFEST_MISSING);
  }

  @Test
  void rejectsAManifestLargerThanTheLimit() throws IOException {
    EncodedBatch batch = publish(Compression.NONE);
    BatchReader strict = reader(new ReceiveLimits(100, 1 << 20, 1 << 20, 1 << 16, 100));

    assertRejected(
        strict.verify(inbox.resolve(batch.manifestFileName())), RejectionReason.MANIFEST_TOO_LARGE);
  }

  @Test
  void rejectsAManifestThatIsNotJson() throws IOException {
    EncodedBatch batch = publish(Compression.NONE);
    Files.writeString(inbox.resolve(batch.manifestFileName()), "{\"format_version\":1,");

    assertRejected(verify(batch), RejectionReason.MANIFEST_MALFORMED);
  }

  @Test
  void rejectsAManifestMissingARequiredField() throws IOException {
    EncodedBatch batch = publish(Compression.NONE);
    String json = Files.readString(inbox.resolve(batch.manifestFileName()));
    Files.writeString(
        inbox.resolve(batch.manifestFileName()),
        json.replaceFirst("\"payload_sha256\":\"[0-9a-f]+\",", ""));

    VerifyResult result = verify(batch);

    assertRejected(result, RejectionReason.MANIFEST_MALFORMED);
    assertThat(((VerifyResult.Rejected) result).detail()).contains("payload_sha256");
  }

  @Test
  void rejectsAManifestWhoseSequenceIsOutOfRangeAsAValue() throws IOException {
    EncodedBatch batch = publish(Compression.NONE);
    String json = Files.readString(inbox.resolve(batch.manifestFileName()));
    Files.writeString(
        inbox.resolve(batch.manifestFileName()),
        json.replace("\"sequence\":1,", "\"sequence\":0,"));

    VerifyResult result = verify(batch);

    assertRejected(result, RejectionReason.MANIFEST_MALFORMED);
    assertThat(((VerifyResult.Rejected) result).detail()).contains("sequence");
  }

  @Test
  void rejectsAManifestOfAnotherFormatVersion() throws IOException {
    EncodedBatch batch = publish(Compression.NONE);
    String json = Files.readString(inbox.resolve(batch.manifestFileName()));
    Files.writeString(
        inbox.resolve(batch.manifestFileName()),
        json.replace("\"format_version\":1", "\"format_version\":2"));

    assertRejected(verify(batch), RejectionReason.UNSUPPORTED_VERSION);
  }

  @Test
  void rejectsAManifestFiledUnderAnotherBatchName() throws IOException {
    EncodedBatch batch = publish(Compression.NONE);
    BatchName other = new BatchName(Channel.REQUESTS, 2, batch.manifest().batchId());
    Path renamed = inbox.resolve(other.manifestFileName());
    Files.move(inbox.resolve(batch.manifestFileName()), renamed);
    Files.move(
        inbox.resolve(batch.payloadFileName()),
        inbox.resolve(other.payloadFileName(Compression.NONE)));

    assertRejected(reader.verify(renamed), RejectionReason.NAME_MISMATCH);
  }

  @Test
  void rejectsABatchWhosePayloadIsMissing() throws IOException {
    EncodedBatch batch = publish(Compression.GZIP);
    Files.delete(inbox.resolve(batch.payloadFileName()));

    assertRejected(verify(batch), RejectionReason.PAYLOAD_MISSING);
  }

  @Test
  void rejectsAPayloadLargerThanTheLimit() throws IOException {
    EncodedBatch batch = publish(Compression.NONE);
    BatchReader strict = reader(new ReceiveLimits(1 << 16, 10, 1 << 20, 1 << 16, 100));

    assertRejected(
        strict.verify(inbox.resolve(batch.manifestFileName())), RejectionReason.PAYLOAD_TOO_LARGE);
  }

  @Test
  void rejectsAPayloadOfAnotherSizeThanTheManifestSays() throws IOException {
    EncodedBatch batch = publish(Compression.NONE);
    Files.write(
        inbox.resolve(batch.payloadFileName()),
        "\n".getBytes(),
        java.nio.file.StandardOpenOption.APPEND);

    assertRejected(verify(batch), RejectionReason.SIZE_MISMATCH);
  }

  @Test
  void rejectsABatchWhoseChecksumDoesNotMatch() throws IOException {
    EncodedBatch batch = publish(Compression.NONE);
    byte[] payload = Files.readAllBytes(inbox.resolve(batch.payloadFileName()));
    payload[payload.length / 2] ^= 1;
    Files.write(inbox.resolve(batch.payloadFileName()), payload);

    assertRejected(verify(batch), RejectionReason.CHECKSUM_MISMATCH);
  }

  @Test
  void rejectsAnUnsignedBatchWhenSignaturesAreRequired() throws IOException {
    EncodedBatch batch = publish(Compression.NONE, null);

    assertRejected(verify(batch), RejectionReason.SIGNATURE_MISSING);
  }

  @Test
  void acceptsAnUnsignedBatchOnlyWhenSignaturesAreExplicitlyDisabled() throws IOException {
    EncodedBatch batch = publish(Compression.NONE, null);
    BatchReader lenient = new BatchReader(SignaturePolicy.disabled(), ReceiveLimits.DEFAULTS);

    VerifyResult result = lenient.verify(inbox.resolve(batch.manifestFileName()));

    assertThat(result).isInstanceOf(VerifyResult.Accepted.class);
    assertThat(((VerifyResult.Accepted) result).batch().signature())
        .isEqualTo(SignatureStatus.NOT_CHECKED);
  }

  @Test
  void rejectsABatchSignedWithAnUntrustedKey() throws IOException {
    EncodedBatch batch = publish(Compression.NONE, TransferFixtures.untrustedSigner());

    assertRejected(verify(batch), RejectionReason.UNKNOWN_KEY);
  }

  @Test
  void rejectsABatchWhoseSignatureDoesNotVerify() throws IOException {
    EncodedBatch batch = publish(Compression.NONE);
    Manifest forged =
        new Manifest(
            Manifest.FORMAT_VERSION,
            batch.manifest().batchId(),
            batch.manifest().channel(),
            batch.manifest().sequence(),
            batch.manifest().sender(),
            batch.manifest().createdAt().plusSeconds(1),
            batch.manifest().recordCount(),
            Manifest.RECORD_SCHEMA_VERSION,
            batch.manifest().payloadFile(),
            batch.manifest().payloadBytes(),
            batch.manifest().payloadSha256(),
            batch.manifest().compression(),
            batch.manifest().acks(),
            batch.manifest().highestSent(),
            null,
            batch.manifest().keyId());
    // The forged manifest carries the original batch's signature.
    String original = Files.readString(inbox.resolve(batch.manifestFileName()));
    String signature = original.substring(original.indexOf(",\"signature\""));
    String unsigned = new String(ManifestCodec.unsignedBytes(forged), StandardCharsets.UTF_8);
    Files.writeString(
        inbox.resolve(batch.manifestFileName()),
        unsigned.substring(0, unsigned.length() - 1) + signature);

    assertRejected(verify(batch), RejectionReason.SIGNATURE_INVALID);
  }

  @Test
  void rejectsAPayloadThatIsNotGzip() throws IOException {
    byte[] notGzip = "not gzip at all\n".getBytes(StandardCharsets.UTF_8);
    assertRejected(
        verify(rawBatch(Compression.GZIP, notGzip, 1)), RejectionReason.COMPRESSION_CORRUPT);
  }

  @Test
  void rejectsADecompressionBomb() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 8; i++) {
        gzip.write(zeros);
      }
    }
    BatchReader strict = reader(new ReceiveLimits(1 << 16, 1 << 20, 1 << 22, 1 << 24, 100));
    EncodedBatch bomb = rawBatch(Compression.GZIP, bytes.toByteArray(), 1);

    assertRejected(
        strict.verify(inbox.resolve(bomb.manifestFileName())),
        RejectionReason.DECOMPRESSED_TOO_LARGE);
  }

  @Test
  void rejectsALineLongerThanTheLimit() throws IOException {
    byte[] line = ("{\"x\":\"" + "a".repeat(2000) + "\"}\n").getBytes(StandardCharsets.UTF_8);
    BatchReader strict = reader(new ReceiveLimits(1 << 16, 1 << 20, 1 << 20, 1000, 100));
    EncodedBatch batch = rawBatch(Compression.NONE, line, 1);

    assertRejected(
        strict.verify(inbox.resolve(batch.manifestFileName())), RejectionReason.LINE_TOO_LONG);
  }

  @Test
  void rejectsAPayloadWhoseLastLineIsUnterminated() throws IOException {
    byte[] payload = "{}\n{}".getBytes(StandardCharsets.UTF_8);
    assertRejected(
        verify(rawBatch(Compression.NONE, payload, 2)), RejectionReason.UNTERMINATED_LINE);
  }

  @Test
  void rejectsMoreRecordsThanTheLimit() throws IOException {
    byte[] payload = "{}\n".repeat(11).getBytes(StandardCharsets.UTF_8);
    BatchReader strict = reader(new ReceiveLimits(1 << 16, 1 << 20, 1 << 20, 1000, 10));
    EncodedBatch batch = rawBatch(Compression.NONE, payload, 11);

    assertRejected(
        strict.verify(inbox.resolve(batch.manifestFileName())), RejectionReason.TOO_MANY_RECORDS);
  }

  @Test
  void rejectsARecordCountThatDisagreesWithThePayload() throws IOException {
    byte[] payload = "{}\n{}\n".getBytes(StandardCharsets.UTF_8);
    assertRejected(
        verify(rawBatch(Compression.NONE, payload, 3)), RejectionReason.RECORD_COUNT_MISMATCH);
  }

  @Test
  void rejectsAControlBatchThatCarriesRecords() throws IOException {
    byte[] payload = "{}\n".getBytes(StandardCharsets.UTF_8);
    EncodedBatch batch = rawBatch(Channel.CONTROL, Compression.NONE, payload, 1);

    assertRejected(verify(batch), RejectionReason.CONTROL_HAS_RECORDS);
  }

  @Test
  void rejectsFoldersInPlaceOfBatchFiles() throws IOException {
    EncodedBatch batch = publish(Compression.NONE);
    Path payload = inbox.resolve(batch.payloadFileName());
    Files.delete(payload);
    Files.createDirectory(payload);

    assertRejected(verify(batch), RejectionReason.PAYLOAD_MISSING);
    Path manifest = inbox.resolve(batch.manifestFileName());
    Files.delete(manifest);
    Files.createDirectory(manifest);
    Files.writeString(manifest.resolve("x"), "x");
    assertRejected(reader.verify(manifest), RejectionReason.MANIFEST_MISSING);
  }

  @Test
  void rejectedBatchesCarryTheirManifestWhenItCouldBeRead() throws IOException {
    EncodedBatch batch = publish(Compression.NONE);
    Files.delete(inbox.resolve(batch.payloadFileName()));

    VerifyResult.Rejected rejected = (VerifyResult.Rejected) verify(batch);

    assertThat(rejected.manifest()).isEqualTo(batch.manifest());
  }

  private EncodedBatch publish(Compression compression) throws IOException {
    return publish(compression, TransferFixtures.signer());
  }

  private EncodedBatch publish(Compression compression, BatchSigner signer) throws IOException {
    OutgoingBatch generated = fixtures.batch(Channel.REQUESTS, 1, 5);
    OutgoingBatch batch =
        new OutgoingBatch(
            generated.channel(),
            generated.sequence(),
            generated.batchId(),
            generated.sender(),
            generated.createdAt(),
            generated.records(),
            compression,
            generated.acks(),
            generated.highestSent(),
            null);
    return new BatchWriter(inbox, signer).publish(batch);
  }

  /** A correctly signed batch around an arbitrary payload, to reach the record-level checks. */
  private EncodedBatch rawBatch(Compression compression, byte[] payload, int recordCount)
      throws IOException {
    return rawBatch(Channel.RESULTS, compression, payload, recordCount);
  }

  private EncodedBatch rawBatch(
      Channel channel, Compression compression, byte[] payload, int recordCount)
      throws IOException {
    BatchName name = new BatchName(channel, 1, UUID.randomUUID());
    Manifest manifest =
        new Manifest(
            Manifest.FORMAT_VERSION,
            name.batchId(),
            channel,
            1,
            TransferFixtures.RESPONSE_SIDE,
            Instant.parse("2026-11-22T00:00:00Z"),
            recordCount,
            Manifest.RECORD_SCHEMA_VERSION,
            name.payloadFileName(compression),
            payload.length,
            BatchEncoder.sha256Hex(payload),
            compression,
            List.of(),
            Map.of(),
            null,
            TransferFixtures.signer().keyId());
    byte[] unsigned = ManifestCodec.unsignedBytes(manifest);
    byte[] file = ManifestCodec.fileBytes(unsigned, TransferFixtures.signer().sign(unsigned));
    Files.write(inbox.resolve(manifest.payloadFile()), payload);
    Files.write(inbox.resolve(name.manifestFileName()), file);
    return new EncodedBatch(manifest, payload, file);
  }

  private VerifyResult verify(EncodedBatch batch) {
    return reader.verify(inbox.resolve(batch.manifestFileName()));
  }

  private static BatchReader reader(ReceiveLimits limits) {
    return new BatchReader(SignaturePolicy.required(TransferFixtures.trustedKeys()), limits);
  }

  private static void assertRejected(VerifyResult result, RejectionReason reason) {
    assertThat(result).isInstanceOf(VerifyResult.Rejected.class);
    assertThat(((VerifyResult.Rejected) result).reason()).isEqualTo(reason);
  }
}
