package io.airlock.transfer;

import io.airlock.transfer.batch.OutgoingBatch;
import io.airlock.transfer.manifest.ChannelAck;
import io.airlock.transfer.manifest.SnapshotPart;
import io.airlock.transfer.records.AccountChangeRecord;
import io.airlock.transfer.records.CancelRecord;
import io.airlock.transfer.records.FailureRecord;
import io.airlock.transfer.records.Limits;
import io.airlock.transfer.records.ProfileTypeRecord;
import io.airlock.transfer.records.QueryType;
import io.airlock.transfer.records.RequestRecord;
import io.airlock.transfer.records.ResultRecord;
import io.airlock.transfer.records.SettingRecord;
import io.airlock.transfer.records.TransferRecord;
import io.airlock.transfer.records.UserRecord;
import io.airlock.transfer.signing.BatchSigner;
import io.airlock.transfer.signing.PemKeys;
import io.airlock.transfer.signing.TrustedKeys;
import java.math.BigDecimal;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Generates valid records and batches for tests, from any {@link Entropy}. */
public final class TransferFixtures {

  public static final SenderEpoch REQUEST_SIDE = new SenderEpoch("request", "epoch-1");
  public static final SenderEpoch RESPONSE_SIDE = new SenderEpoch("response", "epoch-7");

  private static final KeyPair KEYS = PemKeys.generate();
  private static final KeyPair OTHER_KEYS = PemKeys.generate();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Entropy entropy;

  public TransferFixtures(Entropy entropy) {
    this.entropy = entropy;
  }

  /** Signs with the key {@link #trustedKeys()} trusts. */
  public static BatchSigner signer() {
    return new BatchSigner(KEYS.getPrivate(), KEYS.getPublic());
  }

  /** Signs with a key nobody trusts. */
  public static BatchSigner untrustedSigner() {
    return new BatchSigner(OTHER_KEYS.getPrivate(), OTHER_KEYS.getPublic());
  }

  /** The trusted public key as PEM text. */
  public static String trustedPublicKeyPem() {
    return "-----BEGIN PUBLIC KEY-----\n"
        + java.util.Base64.getMimeEncoder().encodeToString(KEYS.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  public static TrustedKeys trustedKeys() {
    return TrustedKeys.of(List.of(KEYS.getPublic()));
  }

  /** A batch on a random channel with up to {@code maxRecords} random records. */
  public OutgoingBatch batch(int maxRecords) {
    Channel channel = Channel.values()[entropy.nextInt(Channel.values().length)];
    return batch(channel, 1 + entropy.nextInt(1000), maxRecords);
  }

  public OutgoingBatch batch(Channel channel, long sequence, int maxRecords) {
    List<TransferRecord> records = new ArrayList<>();
    int count = channel == Channel.CONTROL ? 0 : 1 + entropy.nextInt(maxRecords);
    for (int i = 0; i < count; i++) {
      records.add(record(channel));
    }
    Map<Channel, Long> highestSent = new EnumMap<>(Channel.class);
    if (channel == Channel.CONTROL) {
      highestSent.put(Channel.REQUESTS, (long) entropy.nextInt(10_000));
    }
    SnapshotPart snapshot =
        channel == Channel.DIRECTORY && entropy.nextBoolean()
            ? new SnapshotPart(uuid(), entropy.nextInt(1_000_000), 1, 1 + entropy.nextInt(3))
            : null;
    return new OutgoingBatch(
        channel,
        sequence,
        uuid(),
        channel == Channel.REQUESTS ? REQUEST_SIDE : RESPONSE_SIDE,
        instant(),
        records,
        entropy.nextBoolean() ? Compression.GZIP : Compression.NONE,
        List.of(
            new ChannelAck(
                Channel.RESULTS, RESPONSE_SIDE, entropy.nextInt(100), List.of(101L, 103L))),
        highestSent,
        snapshot);
  }

  /** A random record valid on {@code channel}. */
  public TransferRecord record(Channel channel) {
    return switch (channel) {
      case REQUESTS ->
          switch (entropy.nextInt(3)) {
            case 0 -> request();
            case 1 ->
                new CancelRecord(
                    uuid().toString(), optionalText(), uuid().toString(), text(), instant());
            default ->
                new AccountChangeRecord(
                    uuid().toString(),
                    text(),
                    entropy.nextBoolean() ? entropy.nextString(40) : null,
                    entropy.nextBoolean() ? entropy.nextString(40) : null,
                    "$2a$10$" + text(),
                    instant());
          };
      case RESULTS ->
          entropy.nextBoolean()
              ? new ResultRecord(
                  uuid().toString(),
                  optionalText(),
                  json(3),
                  Math.abs(entropy.nextLong() % 100_000),
                  entropy.nextBoolean(),
                  "ab".repeat(32),
                  instant(),
                  instant())
              : new FailureRecord(
                  uuid().toString(),
                  optionalText(),
                  FailureRecord.Outcome.values()[
                      entropy.nextInt(FailureRecord.Outcome.values().length)],
                  "reason_" + entropy.nextInt(50),
                  entropy.nextBoolean() ? entropy.nextString(80) : null,
                  entropy.nextBoolean() ? instant() : null,
                  instant());
      case DIRECTORY ->
          switch (entropy.nextInt(3)) {
            case 0 ->
                new UserRecord(
                    uuid().toString(),
                    text(),
                    entropy.nextBoolean() ? text() + "@example.org" : null,
                    entropy.nextBoolean() ? entropy.nextString(30) : null,
                    entropy.nextBoolean() ? "user" : "admin",
                    "standard",
                    entropy.nextBoolean(),
                    "$2a$10$" + text(),
                    entropy.nextInt(1_000_000),
                    entropy.nextBoolean() ? Limits.NONE : new Limits(10L, null, 1000L),
                    entropy.nextBoolean() ? List.of() : List.of(uuid().toString()),
                    instant());
            case 1 ->
                new ProfileTypeRecord(
                    "profile-" + entropy.nextInt(100),
                    entropy.nextInt(1000),
                    new Limits(10L, 100L, 1000L),
                    entropy.nextInt(10),
                    List.of("incidents", "assets"),
                    100);
            default ->
                new SettingRecord("setting." + text(), entropy.nextString(50), entropy.nextInt(99));
          };
      case CONTROL -> throw new IllegalArgumentException("control batches carry no records");
    };
  }

  public RequestRecord request() {
    return new RequestRecord(
        uuid().toString(),
        optionalText(),
        text(),
        "incidents",
        entropy.nextBoolean() ? QueryType.SEARCH : QueryType.COUNT,
        json(3),
        entropy.nextInt(10),
        instant(),
        instant());
  }

  /** A random JSON object nested at most {@code depth} deep, with exact decimals. */
  public ObjectNode json(int depth) {
    ObjectNode object = NODES.objectNode();
    int fields = entropy.nextInt(4);
    for (int i = 0; i < fields; i++) {
      String name = "f" + i + entropy.nextString(5);
      switch (entropy.nextInt(depth > 0 ? 6 : 4)) {
        case 0 -> object.put(name, entropy.nextString(20));
        case 1 -> object.put(name, entropy.nextLong());
        case 2 -> object.put(name, new BigDecimal(entropy.nextInt(1_000_000)).movePointLeft(3));
        case 3 -> object.put(name, entropy.nextBoolean());
        case 4 -> object.set(name, json(depth - 1));
        default -> object.putArray(name).add(entropy.nextInt(100)).add(json(depth - 1));
      }
    }
    return object;
  }

  private String text() {
    return "u" + entropy.nextString(12);
  }

  private String optionalText() {
    return entropy.nextBoolean() ? text() : null;
  }

  private UUID uuid() {
    return new UUID(entropy.nextLong(), entropy.nextLong());
  }

  private Instant instant() {
    return Instant.ofEpochMilli(
        1_700_000_000_000L + Math.abs(entropy.nextLong() % 100_000_000_000L));
  }
}
