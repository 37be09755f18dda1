package io.airlock.platform.transfer;

import io.airlock.platform.node.ApplicationInLogs;
import io.airlock.transfer.records.RecordLine;
import io.airlock.transfer.records.TransferRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A batch's records as the importer applies them, in the batch's order: runs of up to {@link
 * RecordApplier#MAX_RUN} valid records, each prepared by the channel's applier ({@link
 * RecordApplier#prepare}), and between them the lines to quarantine.
 *
 * <p>Read ahead, a thread of its own reads, decodes and prepares up to {@value #AHEAD} parts ahead
 * of the transaction that applies them, so that this work overlaps the database's (decision 71).
 * Whatever that thread throws (a payload that changed since it was verified, a record its applier
 * could not prepare) is thrown again by {@link #next()} where the import would have met it reading
 * in line. {@link #close()} stops the thread and waits for it, before the records are closed.
 */
final class BatchParts implements Iterator<BatchParts.Part>, AutoCloseable {

  /** How many parts the read-ahead thread may be ahead of the import. */
  static final int AHEAD = 4;

  /** A part of a batch. */
  sealed interface Part permits Run, Quarantined {}

  /** Valid records prepared by their applier, to apply together. */
  record Run(int size, RecordApplier.PreparedRun prepared) implements Part {}

  /** A line to quarantine: invalid, or valid in a channel that has no applier here. */
  record Quarantined(RecordLine line) implements Part {}

  private record Failed(Throwable failure) {}

  private static final Object END = new Object();

  private final Iterator<Part> source;
  private final BlockingQueue<Object> ahead;
  private final Thread reader;
  private Object next;

  private BatchParts(Iterator<Part> source, boolean readAhead) {
    this.source = source;
    if (readAhead) {
      this.ahead = new ArrayBlockingQueue<>(AHEAD);
      this.reader = new Thread(ApplicationInLogs.carried(this::readAhead), "airlock-inbox-read");
      reader.setDaemon(true);
      reader.start();
    } else {
      this.ahead = null;
      this.reader = null;
    }
  }

  /**
   * The parts of the records the cursor reads; prepared ahead on a thread of their own if {@code
   * readAhead}, else as they are asked for.
   */
  static BatchParts of(Iterator<RecordLine> lines, RecordApplier applier, boolean readAhead) {
    return new BatchParts(new InOrder(lines, applier), readAhead);
  }

  @Override
  public boolean hasNext() {
    if (next == null) {
      next = ahead == null ? (source.hasNext() ? source.next() : END) : take();
    }
    if (next instanceof Failed failed) {
      next = END;
      rethrow(failed.failure());
    }
    return next != END;
  }

  @Override
  public Part next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Part part = (Part) next;
    next = null;
    return part;
  }

  /** Stops the read-ahead thread, if any, and waits until it has. */
  @Override
  public void close() {
    if (reader == null) {
      return;
    }
    reader.interrupt();
    boolean interrupted = false;
    while (reader.isAlive()) {
      try {
        reader.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void readAhead() {
    try {
      try {
        while (source.hasNext()) {
          ahead.put(source.next());
        }
        ahead.put(END);
      } catch (RuntimeException | Error e) {
        ahead.put(new Failed(e));
      }
    } catch (InterruptedException e) {
      // Closed: the import stopped reading.
    }
  }

  private Object take() {
    try {
      return ahead.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while importing a batch", e);
    }
  }

  private static void rethrow(Throwable failure) {
    if (failure instanceof Error error) {
      throw error;
    }
    throw (RuntimeException) failure;
  }

  /** The parts as the lines are read, each run prepared as it is complete. */
  private static final class InOrder implements Iterator<Part> {
    private final Iterator<RecordLine> lines;
    private final RecordApplier applier;
    private final Deque<Part> ready = new ArrayDeque<>(2);

    InOrder(Iterator<RecordLine> lines, RecordApplier applier) {
      this.lines = lines;
      this.applier = applier;
    }

    @Override
    public boolean hasNext() {
      if (ready.isEmpty() && lines.hasNext()) {
        List<TransferRecord> run = new ArrayList<>();
        RecordLine quarantined = null;
        while (quarantined == null && run.size() < RecordApplier.MAX_RUN && lines.hasNext()) {
          RecordLine line = lines.next();
          if (line instanceof RecordLine.Valid valid && applier != null) {
            run.add(valid.record());
          } else {
            quarantined = line;
          }
        }
        if (!run.isEmpty()) {
          ready.add(new Run(run.size(), applier.prepare(List.copyOf(run))));
        }
        if (quarantined != null) {
          ready.add(new Quarantined(quarantined));
        }
      }
      return !ready.isEmpty();
    }

    @Override
    public Part next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return ready.poll();
    }
  }
}
