package io.airlock.transfer.cli;

import io.airlock.transfer.Channel;
import io.airlock.transfer.batch.BatchName;
import io.airlock.transfer.batch.BatchReader;
import io.airlock.transfer.batch.BatchWriter;
import io.airlock.transfer.batch.ReceiveLimits;
import io.airlock.transfer.batch.VerifyResult;
import io.airlock.transfer.manifest.Manifest;
import io.airlock.transfer.manifest.ManifestCodec;
import io.airlock.transfer.manifest.ParsedManifest;
import io.airlock.transfer.signing.PemKeys;
import io.airlock.transfer.signing.SignaturePolicy;
import io.airlock.transfer.signing.TrustedKeys;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The operator's command line.
 *
 * <pre>
 * verify [--trust KEY.pub]... [--no-signatures] FILE|DIR...
 *     Verifies batches: each manifest given, the manifest beside each payload given, or every
 *     batch in each folder given. Prints channel, sequence, record count, checksum and signature
 *     status per batch; exits 1 if any batch is bad.
 * keygen NAME [--dir DIR]
 *     Writes an Ed25519 key pair as NAME.key (private, PKCS#8 PEM) and NAME.pub (public PEM).
 * resend --outbox DIR --channel CHANNEL --from N [--to M] [--epoch E]
 *     Publishes the channel's batches N to M (default N) again, byte-identical, from DIR/sent/
 *     into DIR: the operator's retransmission over a strictly one-way medium. Exits 1 if the
 *     archive no longer holds some of them (pruned, or never sent). When
 *     the archive holds the channel's batches of several sender epochs (the side's database was
 *     new since), --epoch names the one to re-send; without it nothing is sent.
 * </pre>
 */
public final class TransferCli {

  /** Most sequences one {@code resend} takes. */
  static final int MAX_RESEND_RANGE = 100_000;

  private final PrintStream out;
  private final PrintStream err;

  TransferCli(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(new TransferCli(System.out, System.err).run(args));
  }

  /** Runs a command; returns the exit status (0 ok, 1 bad batch, 2 usage or I/O error). */
  int run(String[] args) {
    if (args.length == 0) {
      return usage();
    }
    try {
      return switch (args[0]) {
        case "verify" -> verify(List.of(args).subList(1, args.length));
        case "keygen" -> keygen(List.of(args).subList(1, args.length));
        case "resend" -> resend(List.of(args).subList(1, args.length));
        default -> usage();
      };
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
  }

  private int verify(List<String> args) throws IOException {
    List<Path> trusted = new ArrayList<>();
    List<Path> targets = new ArrayList<>();
    boolean signatures = true;
    for (int i = 0; i < args.size(); i++) {
      switch (args.get(i)) {
        case "--trust" -> {
          if (++i == args.size()) {
            return usage();
          }
          trusted.add(Path.of(args.get(i)));
        }
        case "--no-signatures" -> signatures = false;
        default -> targets.add(Path.of(args.get(i)));
      }
    }
    if (targets.isEmpty() || (signatures && trusted.isEmpty())) {
      err.println("verify needs files or folders, and --trust KEY.pub unless --no-signatures");
      return 2;
    }
    SignaturePolicy policy =
        signatures
            ? SignaturePolicy.required(TrustedKeys.fromPemFiles(trusted))
            : SignaturePolicy.disabled();
    BatchReader reader = new BatchReader(policy, ReceiveLimits.DEFAULTS);
    int bad = 0;
    for (Path manifest : manifests(targets)) {
      VerifyResult result = reader.verify(manifest);
      if (result instanceof VerifyResult.Accepted accepted) {
        Manifest m = accepted.batch().manifest();
        out.printf(
            "OK       %s channel=%s sequence=%d records=%d sha256=%s signature=%s%n",
            manifest.getFileName(),
            m.channel(),
            m.sequence(),
            m.recordCount(),
            m.payloadSha256(),
            accepted.batch().signature().name().toLowerCase(Locale.ROOT)
                + (m.keyId() == null ? "" : " key=" + m.keyId()));
      } else {
        VerifyResult.Rejected rejected = (VerifyResult.Rejected) result;
        bad++;
        out.printf(
            "REJECTED %s reason=%s detail=%s%n",
            manifest.getFileName(), rejected.reason().code(), rejected.detail());
      }
    }
    out.printf("%d batch(es) bad%n", bad);
    return bad == 0 ? 0 : 1;
  }

  /** The manifests named by the targets, sorted; a payload stands for the manifest beside it. */
  private static List<Path> manifests(List<Path> targets) throws IOException {
    TreeSet<Path> manifests = new TreeSet<>();
    for (Path target : targets) {
      if (Files.isDirectory(target)) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(target)) {
          for (Path file : files) {
            manifestFor(file).ifPresent(manifests::add);
          }
        }
      } else {
        manifests.add(manifestFor(target).orElse(target));
      }
    }
    return List.copyOf(manifests);
  }

  private static Optional<Path> manifestFor(Path file) {
    return BatchName.parse(String.valueOf(file.getFileName()))
        .map(parsed -> file.resolveSibling(parsed.name().manifestFileName()));
  }

  private int keygen(List<String> args) throws IOException {
    if (args.isEmpty() || !args.get(0).matches("[A-Za-z0-9._-]+")) {
      return usage();
    }
    String name = args.get(0);
    Path dir =
        args.size() == 3 && args.get(1).equals("--dir") ? Path.of(args.get(2)) : Path.of(".");
    Path privateFile = dir.resolve(name + ".key");
    Path publicFile = dir.resolve(name + ".pub");
    if (Files.exists(privateFile) || Files.exists(publicFile)) {
      err.println("refusing to overwrite " + privateFile + " or " + publicFile);
      return 2;
    }
    Files.createDirectories(dir);
    KeyPair pair = PemKeys.generate();
    PemKeys.write(pair, privateFile, publicFile);
    out.printf(
        "wrote %s and %s (key id %s)%n", privateFile, publicFile, PemKeys.keyId(pair.getPublic()));
    return 0;
  }

  private int resend(List<String> args) throws IOException {
    Path outbox = null;
    Channel channel = null;
    String from = null;
    String to = null;
    String epoch = null;
    for (int i = 0; i + 1 < args.size(); i += 2) {
      String value = args.get(i + 1);
      switch (args.get(i)) {
        case "--outbox" -> outbox = Path.of(value);
        case "--channel" -> channel = Channel.fromWireName(value).orElse(null);
        case "--from" -> from = value;
        case "--to" -> to = value;
        case "--epoch" -> epoch = value;
        default -> {
          return usage();
        }
      }
    }
    Long first = sequence(from);
    Long last = to == null ? first : sequence(to);
    if (outbox == null
        || channel == null
        || first == null
        || last == null
        || args.size() % 2 != 0) {
      err.println(
          "resend needs --outbox DIR, --channel (requests|results|directory|control),"
              + " --from N and optionally --to M (sequences from 1) and --epoch E");
      return 2;
    }
    if (last < first || last - first >= MAX_RESEND_RANGE) {
      err.printf("--to must be from --from to --from + %d%n", MAX_RESEND_RANGE - 1);
      return 2;
    }
    BatchWriter writer = new BatchWriter(outbox, null);
    List<BatchName> archived = writer.archived(channel, 1, BatchName.MAX_SEQUENCE);
    Map<BatchName, String> epochs = new LinkedHashMap<>();
    for (BatchName name : archived) {
      epochOf(outbox.resolve(BatchWriter.SENT).resolve(name.manifestFileName()))
          .ifPresent(found -> epochs.put(name, found));
    }
    Set<String> held = new TreeSet<>(epochs.values());
    if (epoch == null && held.size() > 1) {
      // The same sequence may be two different batches: one of an epoch the peer never applied
      // would be applied as new. The operator must say which.
      err.println(
          "sent/ holds "
              + channel.wireName()
              + " batches of several sender epochs "
              + held
              + "; name one with --epoch (the receiving side's link health names the peer epoch"
              + " of each gap)");
      return 2;
    }
    TreeSet<Long> absent = new TreeSet<>();
    for (long sequence = first; sequence <= last; sequence++) {
      absent.add(sequence);
    }
    for (BatchName name : archived) {
      if (name.sequence() >= first
          && name.sequence() <= last
          && (epoch == null || epoch.equals(epochs.get(name)))
          && writer.resend(name)) {
        absent.remove(name.sequence());
        out.println("resent   " + name.manifestFileName());
      }
    }
    out.printf("%d batch(es) resent%n", last - first + 1 - absent.size());
    if (!absent.isEmpty()) {
      out.println("not in " + outbox.resolve(BatchWriter.SENT) + ": " + absent);
      return 1;
    }
    return 0;
  }

  /** The sender epoch a manifest names; empty for one that cannot be parsed. */
  private static Optional<String> epochOf(Path manifest) throws IOException {
    return ManifestCodec.parse(Files.readAllBytes(manifest)) instanceof ParsedManifest.Parsed parsed
        ? Optional.of(parsed.manifest().sender().epoch())
        : Optional.empty();
  }

  private static Long sequence(String value) {
    if (value == null) {
      return null;
    }
    try {
      long sequence = Long.parseLong(value);
      return sequence >= 1 && sequence <= BatchName.MAX_SEQUENCE ? sequence : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private int usage() {
    err.println(
        """
        usage: airlock-transfer verify [--trust KEY.pub]... [--no-signatures] FILE|DIR...
               airlock-transfer keygen NAME [--dir DIR]
               airlock-transfer resend --outbox DIR --channel CHANNEL --from N [--to M] [--epoch E]""");
    return 2;
  }
}
