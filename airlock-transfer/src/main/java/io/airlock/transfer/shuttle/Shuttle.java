package io.airlock.transfer.shuttle;

import io.airlock.transfer.Compression;
import io.airlock.transfer.batch.AtomicFiles;
import io.airlock.transfer.batch.BatchName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The built-in stand-in for the air gap: every tick it moves complete batches (those whose manifest
 * is present) from each route's outbox to its inbox, payload first and manifest last, optionally
 * dropping, duplicating, delaying, truncating or corrupting them. It knows batch names but never
 * reads a manifest, like any real medium.
 */
public final class Shuttle implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(Shuttle.class.getName());
  private static final int MAX_DELAY_TICKS = 3;

  private final List<Route> routes;
  private final ShuttleFaults faults;
  private final Random random;
  private final List<Held> held = new ArrayList<>();
  private ScheduledExecutorService timer;
  private long delivered, dropped, duplicated, delayed, truncated, corrupted;

  /**
   * @param routes the one-way routes to serve, e.g. request outbox to response inbox and back
   * @param faults fault rates; {@link ShuttleFaults#NONE} for a perfect medium
   * @param random the source of fault decisions (seeded in tests, for reproducible runs)
   */
  public Shuttle(List<Route> routes, ShuttleFaults faults, Random random) {
    this.routes = List.copyOf(routes);
    this.faults = Objects.requireNonNull(faults, "faults");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** Ticks every {@code interval} on a daemon thread until {@link #close()}. */
  public synchronized void start(Duration interval) {
    if (timer != null) {
      throw new IllegalStateException("already started");
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "airlock-shuttle");
              thread.setDaemon(true);
              return thread;
            });
    long millis = Math.max(1, interval.toMillis());
    timer.scheduleWithFixedDelay(this::safeTick, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** One pass over every route; returns the number of batches delivered in it. */
  public synchronized int tick() throws IOException {
    int count = deliverHeld();
    for (Route route : routes) {
      for (Batch batch : completeBatches(route)) {
        count += carry(route, batch);
      }
    }
    return count;
  }

  public synchronized ShuttleStats stats() {
    return new ShuttleStats(delivered, dropped, duplicated, delayed, truncated, corrupted);
  }

  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }

  private void safeTick() {
    try {
      tick();
    } catch (IOException | UncheckedIOException e) {
      LOG.log(Level.WARNING, "shuttle tick failed; retrying next tick", e);
    }
  }

  private int carry(Route route, Batch batch) throws IOException {
    byte[] payload = Files.readAllBytes(batch.payload());
    byte[] manifest = Files.readAllBytes(batch.manifest());
    Files.delete(batch.manifest());
    Files.delete(batch.payload());
    if (chance(faults.drop())) {
      dropped++;
      return 0;
    }
    Held copy = new Held(route, batch, payload, manifest, 1 + random.nextInt(MAX_DELAY_TICKS));
    if (chance(faults.delay())) {
      delayed++;
      held.add(copy);
      return 0;
    }
    if (chance(faults.duplicate())) {
      duplicated++;
      held.add(copy);
    }
    deliver(copy);
    return 1;
  }

  private int deliverHeld() throws IOException {
    int count = 0;
    for (Held item : List.copyOf(held)) {
      if (--item.ticksLeft <= 0) {
        held.remove(item);
        deliver(item);
        count++;
      }
    }
    return count;
  }

  private void deliver(Held item) throws IOException {
    byte[] payload = item.payload;
    byte[] manifest = item.manifest;
    if (chance(faults.truncate()) && payload.length > 0) {
      truncated++;
      payload = Arrays.copyOf(payload, random.nextInt(payload.length));
    }
    if (chance(faults.corrupt())) {
      corrupted++;
      boolean inPayload = payload.length > 0 && random.nextBoolean();
      byte[] target = (inPayload ? payload : manifest).clone();
      target[random.nextInt(target.length)] ^= (byte) (1 << random.nextInt(8));
      if (inPayload) {
        payload = target;
      } else {
        manifest = target;
      }
    }
    Path inbox = item.route.inbox();
    AtomicFiles.write(inbox, item.batch.payload().getFileName().toString(), payload);
    AtomicFiles.write(inbox, item.batch.manifest().getFileName().toString(), manifest);
    delivered++;
  }

  private boolean chance(double rate) {
    return rate > 0 && random.nextDouble() < rate;
  }

  /** Batches in the route's outbox whose manifest and payload are both present, in name order. */
  private static List<Batch> completeBatches(Route route) throws IOException {
    TreeSet<Path> manifests = new TreeSet<>();
    try (DirectoryStream<Path> files =
        Files.newDirectoryStream(route.outbox(), "*" + BatchName.MANIFEST_SUFFIX)) {
      files.forEach(manifests::add);
    }
    List<Batch> batches = new ArrayList<>();
    for (Path manifest : manifests) {
      Optional<BatchName> name = BatchName.parseManifest(manifest.getFileName().toString());
      if (name.isEmpty()) {
        continue;
      }
      for (Compression compression : Compression.values()) {
        Path payload = route.outbox().resolve(name.get().payloadFileName(compression));
        if (Files.isRegularFile(payload)) {
          batches.add(new Batch(manifest, payload));
          break;
        }
      }
    }
    return batches;
  }

  /** One direction across the gap. */
  public record Route(String name, Path outbox, Path inbox) {}

  private record Batch(Path manifest, Path payload) {}

  private static final class Held {
    final Route route;
    final Batch batch;
    final byte[] payload;
    final byte[] manifest;
    int ticksLeft;

    Held(Route route, Batch batch, byte[] payload, byte[] manifest, int ticksLeft) {
      this.route = route;
      this.batch = batch;
      this.payload = payload;
      this.manifest = manifest;
      this.ticksLeft = ticksLeft;
    }
  }
}
