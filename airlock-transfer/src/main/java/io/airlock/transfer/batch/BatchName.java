package io.airlock.transfer.batch;

import io.airlock.transfer.Channel;
import io.airlock.transfer.Compression;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a batch: {@code <channel>-<sequence, 12 digits>-<batchId>}. The payload file adds
 * {@code .jsonl} or {@code .jsonl.gz}, the manifest {@code .manifest.json}.
 *
 * <p>Parsing is strict: a name that does not match the pattern exactly (separators, {@code ..},
 * upper-case UUIDs, other extensions) is not a batch file. Temporary files start with a dot and
 * therefore never match.
 */
public record BatchName(Channel channel, long sequence, UUID batchId) {

  /** Suffix of manifest files. */
  public static final String MANIFEST_SUFFIX = ".manifest.json";

  /** The largest sequence that fits in twelve digits. */
  public static final long MAX_SEQUENCE = 999_999_999_999L;

  private static final Pattern NAME =
      Pattern.compile(
          "(requests|results|directory|control)-([0-9]{12})-"
              + "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
              + "(\\.manifest\\.json|\\.jsonl|\\.jsonl\\.gz)");

  public BatchName {
    if (sequence < 1 || sequence > MAX_SEQUENCE) {
      throw new IllegalArgumentException("sequence out of range: " + sequence);
    }
  }

  /** The stem shared by payload and manifest, without extension. */
  public String stem() {
    return "%s-%012d-%s".formatted(channel.wireName(), sequence, batchId);
  }

  public String manifestFileName() {
    return stem() + MANIFEST_SUFFIX;
  }

  public String payloadFileName(Compression compression) {
    return stem() + compression.extension();
  }

  /** Parses a manifest file name; empty for anything else. */
  public static Optional<BatchName> parseManifest(String fileName) {
    return parse(fileName).filter(p -> p.kind == FileKind.MANIFEST).map(p -> p.name);
  }

  /** Parses any batch file name (manifest or payload). */
  public static Optional<ParsedFileName> parse(String fileName) {
    Matcher matcher = NAME.matcher(fileName);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    Channel channel = Channel.fromWireName(matcher.group(1)).orElseThrow();
    long sequence = Long.parseLong(matcher.group(2));
    if (sequence < 1) {
      return Optional.empty();
    }
    BatchName name = new BatchName(channel, sequence, UUID.fromString(matcher.group(3)));
    FileKind kind =
        switch (matcher.group(4)) {
          case MANIFEST_SUFFIX -> FileKind.MANIFEST;
          case ".jsonl" -> FileKind.PAYLOAD;
          default -> FileKind.COMPRESSED_PAYLOAD;
        };
    return Optional.of(new ParsedFileName(name, kind));
  }

  /** What kind of batch file a name denotes. */
  public enum FileKind {
    MANIFEST,
    PAYLOAD,
    COMPRESSED_PAYLOAD
  }

  /** A parsed batch file name. */
  public record ParsedFileName(BatchName name, FileKind kind) {}
}
