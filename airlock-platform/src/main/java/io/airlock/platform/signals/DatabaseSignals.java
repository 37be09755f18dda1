package io.airlock.platform.signals;

import io.airlock.platform.node.ApplicationInLogs;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * PostgreSQL {@code LISTEN/NOTIFY} for every instance of a side on one database: a connection of
 * its own listens on the channels subscribers name, and each notification runs their callbacks on
 * the listening thread (PostgreSQL delivers a notification when the transaction that sent it
 * commits).
 *
 * <p>A notification cannot be missed unnoticed: the listener asks the database something at least
 * every {@link #HEARTBEAT}, and {@link #listening()} is false unless it had an answer within {@link
 * #STALE_AFTER}. Whoever relies on the signals (a {@link SignalledCache}) reads through while it is
 * false. After (re)connecting every subscriber is called once, for whatever was sent meanwhile.
 */
public class DatabaseSignals implements SmartLifecycle {

  /** How often the listening connection is checked when no notification arrives. */
  public static final Duration HEARTBEAT = Duration.ofMillis(250);

  /** How long after the last answer from the database the signals are no longer trusted. */
  public static final Duration STALE_AFTER = Duration.ofSeconds(1);

  private static final Logger log = LoggerFactory.getLogger(DatabaseSignals.class);
  private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9_]{0,62}");
  private static final Duration RETRY = Duration.ofSeconds(1);

  private final DataSource dataSource;
  private final Map<String, List<Runnable>> subscribers = new ConcurrentHashMap<>();
  private volatile long lastAnswerNanos = System.nanoTime() - STALE_AFTER.toNanos() - 1;
  private volatile boolean resubscribe;
  private volatile Thread listener;

  public DatabaseSignals(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Runs {@code onSignal} for every notification on {@code channel}, and after reconnecting. */
  public void subscribe(String channel, Runnable onSignal) {
    if (!CHANNEL.matcher(channel).matches()) {
      throw new IllegalArgumentException("Not a channel name: " + channel);
    }
    subscribers.computeIfAbsent(channel, name -> new CopyOnWriteArrayList<>()).add(onSignal);
    resubscribe = true;
  }

  /** Whether every notification sent up to about {@link #STALE_AFTER} ago has been delivered. */
  public boolean listening() {
    return listener != null && System.nanoTime() - lastAnswerNanos < STALE_AFTER.toNanos();
  }

  @Override
  public void start() {
    Thread thread = new Thread(ApplicationInLogs.carried(this::listen), "airlock-signals");
    thread.setDaemon(true);
    listener = thread;
    thread.start();
  }

  @Override
  public void stop() {
    Thread thread = listener;
    listener = null;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return listener != null;
  }

  private void listen() {
    boolean warned = false;
    while (listener == Thread.currentThread()) {
      try (Connection connection = dataSource.getConnection();
          Statement statement = connection.createStatement()) {
        PGConnection postgres = connection.unwrap(PGConnection.class);
        resubscribe = false;
        Set<String> channels = new LinkedHashSet<>(subscribers.keySet());
        for (String channel : channels) {
          statement.execute("listen " + channel);
        }
        // Whatever was sent while no one listened: every subscriber, before the signals count as
        // heard again.
        channels.forEach(this::deliver);
        lastAnswerNanos = System.nanoTime();
        if (warned) {
          log.info("Listening to the database's signals again");
          warned = false;
        }
        while (listener == Thread.currentThread() && !resubscribe) {
          PGNotification[] notifications = postgres.getNotifications((int) HEARTBEAT.toMillis());
          if (notifications == null || notifications.length == 0) {
            statement.execute("select 1");
            // What arrived with the answer, without waiting.
            notifications = postgres.getNotifications();
          }
          if (notifications != null) {
            Set<String> signalled = new LinkedHashSet<>();
            for (PGNotification notification : notifications) {
              signalled.add(notification.getName());
            }
            signalled.forEach(this::deliver);
          }
          // Heard, and everything heard delivered.
          lastAnswerNanos = System.nanoTime();
        }
      } catch (SQLException | RuntimeException e) {
        if (listener != Thread.currentThread()) {
          return;
        }
        if (!warned) {
          log.warn("Lost the database's signals; caches read through until they are back", e);
          warned = true;
        }
        try {
          Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  private void deliver(String channel) {
    for (Runnable subscriber : new ArrayList<>(subscribers.getOrDefault(channel, List.of()))) {
      try {
        subscriber.run();
      } catch (RuntimeException e) {
        log.error("A subscriber to {} failed", channel, e);
      }
    }
  }
}
