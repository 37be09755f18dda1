package io.airlock.transfer.batch;

import io.airlock.transfer.Channel;
import io.airlock.transfer.batch.PayloadLines.PayloadProblem;
import io.airlock.transfer.batch.VerifyResult.Accepted;
import io.airlock.transfer.batch.VerifyResult.Rejected;
import io.airlock.transfer.manifest.Manifest;
import io.airlock.transfer.manifest.ManifestCodec;
import io.airlock.transfer.manifest.ParsedManifest;
import io.airlock.transfer.signing.SignaturePolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies batches found in an inbox, in the order DESIGN §2 gives: manifest, name, size, SHA-256,
 * signature, records. Verification streams the payload, so a batch of any size needs only bounded
 * memory; the result is a value ({@link Accepted} or {@link Rejected}), never an exception for bad
 * input and never a half-read batch. Records of an accepted batch are then streamed with {@link
 * VerifiedBatch#openRecords()}.
 */
public final class BatchReader {

  private final SignaturePolicy signatures;
  private final ReceiveLimits limits;

  public BatchReader(SignaturePolicy signatures, ReceiveLimits limits) {
    this.signatures = Objects.requireNonNull(signatures, "signatures");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** Verifies the batch whose manifest is {@code manifestFile}. */
  public VerifyResult verify(Path manifestFile) {
    try {
      return verifyManifest(manifestFile);
    } catch (IOException e) {
      return new Rejected(RejectionReason.IO_ERROR, e.toString(), null);
    } catch (RuntimeException e) {
      // Bad input must come back as a value; an escaping exception would stall the inbox.
      return new Rejected(RejectionReason.MANIFEST_MALFORMED, e.toString(), null);
    }
  }

  private VerifyResult verifyManifest(Path manifestFile) throws IOException {
    String fileName = String.valueOf(manifestFile.getFileName());
    Optional<BatchName> name = BatchName.parseManifest(fileName);
    if (name.isEmpty()) {
      return new Rejected(RejectionReason.NAME_INVALID, "not a manifest name: " + fileName, null);
    }
    Optional<Rejected> fileProblem =
        checkFile(manifestFile, RejectionReason.MANIFEST_MISSING, null);
    if (fileProblem.isPresent()) {
      return fileProblem.get();
    }
    byte[] manifestBytes;
    try (InputStream in = Files.newInputStream(manifestFile, LinkOption.NOFOLLOW_LINKS)) {
      manifestBytes = in.readNBytes(limits.maxManifestBytes() + 1);
    }
    if (manifestBytes.length > limits.maxManifestBytes()) {
      return new Rejected(
          RejectionReason.MANIFEST_TOO_LARGE,
          "manifest exceeds " + limits.maxManifestBytes() + " bytes",
          null);
    }
    ParsedManifest parsed = ManifestCodec.parse(manifestBytes);
    if (parsed instanceof ParsedManifest.Malformed malformed) {
      return new Rejected(
          malformed.unsupportedVersion()
              ? RejectionReason.UNSUPPORTED_VERSION
              : RejectionReason.MANIFEST_MALFORMED,
          malformed.detail(),
          null);
    }
    return verifyBatch(manifestFile, name.get(), (ParsedManifest.Parsed) parsed);
  }

  private VerifyResult verifyBatch(Path manifestFile, BatchName name, ParsedManifest.Parsed parsed)
      throws IOException {
    Manifest manifest = parsed.manifest();
    if (!manifest.name().equals(name)
        || !manifest.payloadFile().equals(name.payloadFileName(manifest.compression()))) {
      return new Rejected(
          RejectionReason.NAME_MISMATCH,
          "file " + name.manifestFileName() + " holds the manifest of " + manifest.payloadFile(),
          manifest);
    }
    Path payload = manifestFile.resolveSibling(manifest.payloadFile());
    Optional<Rejected> fileProblem = checkFile(payload, RejectionReason.PAYLOAD_MISSING, manifest);
    if (fileProblem.isPresent()) {
      return fileProblem.get();
    }
    long size = Files.size(payload);
    if (size > limits.maxPayloadBytes()) {
      return new Rejected(
          RejectionReason.PAYLOAD_TOO_LARGE,
          "payload of " + size + " bytes exceeds " + limits.maxPayloadBytes(),
          manifest);
    }
    if (size != manifest.payloadBytes()) {
      return new Rejected(
          RejectionReason.SIZE_MISMATCH,
          "payload has " + size + " bytes, manifest says " + manifest.payloadBytes(),
          manifest);
    }
    String sha256 = sha256(payload);
    if (!sha256.equals(manifest.payloadSha256())) {
      return new Rejected(
          RejectionReason.CHECKSUM_MISMATCH,
          "payload SHA-256 " + sha256 + ", manifest says " + manifest.payloadSha256(),
          manifest);
    }
    Optional<Rejected> signatureProblem = checkSignature(parsed);
    if (signatureProblem.isPresent()) {
      return signatureProblem.get();
    }
    SignatureStatus status =
        signatures instanceof SignaturePolicy.Required
            ? SignatureStatus.VERIFIED
            : SignatureStatus.NOT_CHECKED;
    VerifiedBatch batch = new VerifiedBatch(manifest, manifestFile, payload, status, limits);
    Optional<Rejected> recordsProblem = checkRecords(batch);
    return recordsProblem.isPresent() ? recordsProblem.get() : new Accepted(batch);
  }

  private Optional<Rejected> checkSignature(ParsedManifest.Parsed parsed) {
    if (!(signatures instanceof SignaturePolicy.Required required)) {
      return Optional.empty();
    }
    Manifest manifest = parsed.manifest();
    if (parsed.signature() == null) {
      return rejected(RejectionReason.SIGNATURE_MISSING, "manifest is not signed", manifest);
    }
    if (!required.keys().trusts(manifest.keyId())) {
      return rejected(
          RejectionReason.UNKNOWN_KEY, "key '" + manifest.keyId() + "' is not trusted", manifest);
    }
    if (!required.keys().verify(manifest.keyId(), parsed.signedContent(), parsed.signature())) {
      return rejected(
          RejectionReason.SIGNATURE_INVALID,
          "signature does not verify with key " + manifest.keyId(),
          manifest);
    }
    return Optional.empty();
  }

  /** A full streaming pass over the payload: every structural limit, and the record count. */
  private Optional<Rejected> checkRecords(VerifiedBatch batch) throws IOException {
    Manifest manifest = batch.manifest();
    try (PayloadLines lines =
        new PayloadLines(batch.payloadFile(), manifest.compression(), limits)) {
      while (lines.next() != null) {
        if (manifest.channel() == Channel.CONTROL) {
          return rejected(
              RejectionReason.CONTROL_HAS_RECORDS, "control batches carry no records", manifest);
        }
      }
      if (!lines.finishDigest().equals(manifest.payloadSha256())) {
        return rejected(
            RejectionReason.CHECKSUM_MISMATCH, "payload changed while it was verified", manifest);
      }
      if (lines.lineCount() != manifest.recordCount()) {
        return rejected(
            RejectionReason.RECORD_COUNT_MISMATCH,
            "payload has "
                + lines.lineCount()
                + " records, manifest says "
                + manifest.recordCount(),
            manifest);
      }
      return Optional.empty();
    } catch (PayloadProblem problem) {
      return rejected(problem.reason, problem.getMessage(), manifest);
    }
  }

  /** Refuses links and anything that is not a regular file. */
  private static Optional<Rejected> checkFile(
      Path file, RejectionReason whenMissing, Manifest manifest) throws IOException {
    if (Files.isSymbolicLink(file)) {
      return rejected(
          RejectionReason.LINK_REFUSED, file.getFileName() + " is a symbolic link", manifest);
    }
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return rejected(whenMissing, file.getFileName() + " does not exist", manifest);
    }
    BasicFileAttributes attributes =
        Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (!attributes.isRegularFile()) {
      return rejected(whenMissing, file.getFileName() + " is not a regular file", manifest);
    }
    if (hardLinkCount(file) > 1) {
      return rejected(
          RejectionReason.LINK_REFUSED, file.getFileName() + " is a hard link", manifest);
    }
    return Optional.empty();
  }

  private static int hardLinkCount(Path file) throws IOException {
    try {
      return (Integer) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      return 1; // Not a Unix file system: no hard links to worry about.
    }
  }

  private static String sha256(Path file) throws IOException {
    var digest = BatchEncoder.sha256();
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) != -1; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static Optional<Rejected> rejected(
      RejectionReason reason, String detail, Manifest manifest) {
    return Optional.of(new Rejected(reason, detail, manifest));
  }
}
