package io.airlock.requestside.users;

import static org.awaitility.Awaitility.await;

import io.airlock.platform.signals.DatabaseSignals;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.annotation.DependsOn;

/**
 * Changes a test writes straight into the directory's tables (as another instance or the directory
 * import would): {@link #apply} returns once this instance has heard the directory's signal for
 * them, so that its caches hold nothing older. Created after the caches' owners, so that it
 * subscribes after them and hears each signal after they do.
 */
@DependsOn({"users", "entitlements", "apiKeys"})
public class DirectoryChanges {

  private final AtomicLong heard = new AtomicLong();

  DirectoryChanges(DatabaseSignals signals) {
    signals.subscribe(DirectoryCaching.CHANNEL, heard::incrementAndGet);
  }

  public void apply(Runnable change) {
    long before = heard.get();
    change.run();
    await("the directory's signal")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(5))
        .until(() -> heard.get() > before);
  }
}
