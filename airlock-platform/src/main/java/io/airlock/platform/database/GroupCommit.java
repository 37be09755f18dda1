package io.airlock.platform.database;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Group commit: callers that write at the same time share one write (one transaction, multi-row
 * statements), and each returns only once its own item is committed, so nothing acknowledged can be
 * lost. The first caller to find no write under way writes everything queued so far, its own item
 * included; those who queued meanwhile wait for it and are then written by the next of them to get
 * the turn. Nothing waits for a timer: a lone caller writes at once.
 *
 * <p>When a shared write fails, each of its items is written again on its own, so a bad item fails
 * only its own caller.
 *
 * @param <T> what one caller writes
 */
public final class GroupCommit<T> {

  private static final class Pending<T> {
    final T item;
    volatile boolean done;
    volatile RuntimeException failure;

    Pending(T item) {
      this.item = item;
    }
  }

  private final Consumer<List<T>> write;
  private final int maxItems;
  private final ConcurrentLinkedQueue<Pending<T>> queue = new ConcurrentLinkedQueue<>();
  // Fair: a caller who has just written must not take the turn again before those waiting.
  private final ReentrantLock turn = new ReentrantLock(true);

  /**
   * @param write writes the items given, all or none (one transaction)
   * @param maxItems the most items one write takes
   */
  public GroupCommit(Consumer<List<T>> write, int maxItems) {
    this.write = write;
    this.maxItems = maxItems;
  }

  /** Writes {@code item}, sharing the write with concurrent callers; returns once it committed. */
  public void write(T item) {
    Pending<T> mine = new Pending<>(item);
    queue.add(mine);
    turn.lock();
    try {
      while (!mine.done) {
        writeQueued();
      }
    } finally {
      turn.unlock();
    }
    if (mine.failure != null) {
      throw mine.failure;
    }
  }

  private void writeQueued() {
    List<Pending<T>> batch = new ArrayList<>();
    for (Pending<T> next = queue.poll(); next != null; next = queue.poll()) {
      batch.add(next);
      if (batch.size() == maxItems) {
        break;
      }
    }
    try {
      write.accept(batch.stream().map(pending -> pending.item).toList());
    } catch (RuntimeException | Error shared) {
      if (batch.size() == 1) {
        batch.get(0).failure = unchecked(shared);
      } else {
        for (Pending<T> pending : batch) {
          try {
            write.accept(List.of(pending.item));
          } catch (RuntimeException | Error own) {
            pending.failure = unchecked(own);
          }
        }
      }
    } finally {
      batch.forEach(pending -> pending.done = true);
    }
  }

  private static RuntimeException unchecked(Throwable failure) {
    return failure instanceof RuntimeException runtime
        ? runtime
        : new IllegalStateException("The shared write failed", failure);
  }
}
