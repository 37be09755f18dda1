package io.airlock.platform.database;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Group commit: callers that write at the same time share one write (one transaction, multi-row
 * statements), and each returns only once its own item is committed, so nothing acknowledged can be
 * lost. The first caller to find no write under way leads: it writes everything queued so far, its
 * own item included, and wakes those whose items it wrote; it writes what queued meanwhile a few
 * times more, then hands the lead to the oldest caller still waiting. Nothing waits for a timer: a
 * lone caller writes at once, on its own thread.
 *
 * <p>When a shared write fails, each of its items is written again on its own, so a bad item fails
 * only its own caller, and each caller returns as soon as its own write is over. (An {@link Error}
 * fails them all, without a retry.)
 *
 * @param <T> what one caller writes
 * @param <R> what the write says of one item (what it took, what it refused), or {@link Void}
 */
public final class GroupCommit<T, R> {

  private static final class Pending<T, R> {
    final T item;
    final Thread owner = Thread.currentThread();
    R result;
    volatile boolean done;
    volatile boolean leads;
    volatile RuntimeException failure;

    Pending(T item) {
      this.item = item;
    }
  }

  // How many more writes a leader makes, of what queued during its own, before it hands the lead
  // on. It is running; the caller it would hand the lead to is parked, and under load waits for a
  // processor before it can write.
  private static final int EXTRA_TURNS = 2;

  private final Function<List<T>, List<R>> write;
  private final int maxItems;
  private final ConcurrentLinkedQueue<Pending<T, R>> queue = new ConcurrentLinkedQueue<>();
  // Whether some caller is writing (the leader); handed from leader to leader while items wait.
  private final AtomicBoolean leading = new AtomicBoolean();

  /**
   * @param write writes the items given, all or none (one transaction), and says what it did with
   *     each, in their order
   * @param maxItems the most items one write takes
   */
  public GroupCommit(Function<List<T>, List<R>> write, int maxItems) {
    this.write = write;
    this.maxItems = maxItems;
  }

  /** A group commit whose writes say nothing of their items. */
  public static <T> GroupCommit<T, Void> of(Consumer<List<T>> write, int maxItems) {
    return new GroupCommit<>(
        items -> {
          write.accept(items);
          return Collections.nCopies(items.size(), null);
        },
        maxItems);
  }

  /**
   * Writes {@code item}, sharing the write with concurrent callers; returns once it committed, with
   * what the write said of it.
   */
  public R write(T item) {
    Pending<T, R> mine = new Pending<>(item);
    queue.add(mine);
    if (leading.compareAndSet(false, true)) {
      lead(mine);
    }
    boolean interrupted = false;
    while (!mine.done) {
      if (mine.leads) {
        lead(mine);
      } else {
        LockSupport.park(this);
        // An interrupt cannot stop the wait (the item is being written): keep it for later.
        interrupted |= Thread.interrupted();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (mine.failure != null) {
      throw mine.failure;
    }
    return mine.result;
  }

  /** How many items wait to be written, the one being written aside. */
  int queued() {
    return queue.size();
  }

  /**
   * Writes what is queued until {@code mine} is written, and up to {@link #EXTRA_TURNS} times more
   * what queued meanwhile; then hands the lead on, if anyone waits.
   */
  private void lead(Pending<T, R> mine) {
    try {
      while (!mine.done) {
        writeQueued();
      }
      for (int turn = 0; turn < EXTRA_TURNS && queue.peek() != null; turn++) {
        writeQueued();
      }
    } finally {
      handOverOrRelease();
    }
  }

  /**
   * Hands the lead to the oldest caller waiting, or lets it go when none waits. Only a leader
   * drains the queue, so an item seen while the lead is held is not written yet.
   */
  private void handOverOrRelease() {
    while (true) {
      Pending<T, R> next = queue.peek();
      if (next != null) {
        handOver(next);
        return;
      }
      leading.set(false);
      // One may have queued after the look and found the lead taken: it waits to be handed it.
      // Unless another caller has taken the lead since (it writes what is queued), take it back
      // and look again.
      if (queue.peek() == null || !leading.compareAndSet(false, true)) {
        return;
      }
    }
  }

  private static void handOver(Pending<?, ?> next) {
    next.leads = true;
    LockSupport.unpark(next.owner);
  }

  private void writeQueued() {
    List<Pending<T, R>> batch = new ArrayList<>();
    for (Pending<T, R> next = queue.poll(); next != null; next = queue.poll()) {
      batch.add(next);
      if (batch.size() == maxItems) {
        break;
      }
    }
    try {
      List<R> results;
      try {
        results = write.apply(batch.stream().map(pending -> pending.item).toList());
      } catch (RuntimeException shared) {
        if (batch.size() == 1) {
          batch.get(0).failure = shared;
        } else {
          writeEachAlone(batch);
        }
        return;
      } catch (Error error) {
        // Not a bad item: nothing is retried.
        batch.forEach(pending -> pending.failure = unchecked(error));
        throw error;
      }
      if (results.size() != batch.size()) {
        // Written, but the writer says nothing usable: a bug of the writer, not of the items.
        IllegalStateException wrong =
            new IllegalStateException(
                "The write said " + results.size() + " things of " + batch.size() + " items");
        batch.forEach(pending -> pending.failure = wrong);
        return;
      }
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).result = results.get(i);
      }
    } finally {
      batch.stream().filter(pending -> !pending.done).forEach(GroupCommit::release);
    }
  }

  /** Writes each item on its own, releasing its caller as soon as that write is over. */
  private void writeEachAlone(List<Pending<T, R>> batch) {
    for (Pending<T, R> pending : batch) {
      try {
        pending.result = write.apply(List.of(pending.item)).get(0);
      } catch (RuntimeException own) {
        pending.failure = own;
      } finally {
        release(pending);
      }
    }
  }

  private static void release(Pending<?, ?> pending) {
    pending.done = true;
    LockSupport.unpark(pending.owner);
  }

  private static RuntimeException unchecked(Error error) {
    return new IllegalStateException("The shared write failed", error);
  }
}
