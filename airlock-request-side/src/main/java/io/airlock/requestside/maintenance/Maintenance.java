package io.airlock.requestside.maintenance;

import io.airlock.platform.signals.DatabaseSignals;
import io.airlock.platform.signals.SignalledCache;
import io.airlock.requestside.audit.AuditLog;
import io.airlock.requestside.users.DirectoryListing;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Whether this side takes new requests: not while the response side's administrators have set the
 * directory setting {@value #SETTING} (its value is the message; empty is off), nor while this
 * side's own administrators have switched maintenance on. Either suffices; when both are on, this
 * side's message is shown, since its administrators are the ones users can ask.
 *
 * <p>Every submission asks, so the answer is cached in process and emptied on every instance by the
 * {@value #CHANNEL} signal (sent when either source changes): a switch takes effect everywhere
 * within the notification's delivery, a few milliseconds, and within {@link
 * DatabaseSignals#STALE_AFTER} (1 s) should an instance stop hearing from the database (it reads
 * through meanwhile).
 */
@Service
public class Maintenance {

  /** The directory setting the response side's administrators switch maintenance with. */
  public static final String SETTING = "maintenance";

  static final String CHANNEL = "airlock_maintenance";

  /** A backstop only: the signal empties the cache long before. */
  private static final Duration TIME_TO_LIVE = Duration.ofMinutes(1);

  /**
   * What holds submissions now.
   *
   * @param message what users are told; null when submissions are taken
   * @param source {@code local} (this side's administrators), {@code directory} (the response
   *     side's) or null
   */
  public record State(String message, String source) {

    static final State OPEN = new State(null, null);

    public boolean on() {
      return message != null;
    }
  }

  private final DirectoryListing directory;
  private final MaintenanceSwitch local;
  private final AuditLog audit;
  private final SignalledCache<String, State> cached;

  Maintenance(
      DirectoryListing directory,
      MaintenanceSwitch local,
      AuditLog audit,
      DatabaseSignals signals) {
    this.directory = directory;
    this.local = local;
    this.audit = audit;
    this.cached = new SignalledCache<>(signals, CHANNEL, TIME_TO_LIVE, 1);
  }

  /** The current state, from the cache. */
  public State now() {
    return cached.get(SETTING, key -> Optional.of(read())).orElse(State.OPEN);
  }

  /**
   * Refuses a new submission while maintenance is on.
   *
   * @throws MaintenanceUnderway then
   */
  public void ensureOpen() {
    State state = now();
    if (state.on()) {
      throw new MaintenanceUnderway(state.message());
    }
  }

  /** Switches this side's own maintenance on, or changes its message; audited. */
  @Transactional
  void switchOn(String message, String actor) {
    local.on(message, actor);
    audit.record(actor, "maintenance.on", "maintenance", AuditLog.Outcome.SUCCESS, message);
    // This instance's next call need not wait for the signal to come back.
    cached.invalidateAfterCommit();
  }

  /** Switches this side's own maintenance off, audited if it was on. */
  @Transactional
  void switchOff(String actor) {
    if (local.off()) {
      audit.record(actor, "maintenance.off", "maintenance", AuditLog.Outcome.SUCCESS, null);
      cached.invalidateAfterCommit();
    }
  }

  private State read() {
    Optional<MaintenanceSwitch.Local> here = local.current();
    if (here.isPresent()) {
      return new State(here.get().message(), "local");
    }
    return directory
        .setting(SETTING)
        .map(String::strip)
        .filter(message -> !message.isEmpty())
        .map(message -> new State(message, "directory"))
        .orElse(State.OPEN);
  }
}
