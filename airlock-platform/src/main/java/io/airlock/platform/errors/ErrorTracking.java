package io.airlock.platform.errors;

/**
 * One side's share of the JVM's Sentry: taken when the side's context starts, given back when it
 * closes; the last side to give it back closes Sentry.
 */
final class ErrorTracking implements AutoCloseable {

  private final String side;
  private final String application;

  /**
   * @param side the side's {@code airlock.side}, the {@code side} tag of its events
   * @param application the side's {@code spring.application.name}, by which its log lines are told
   *     from the other side's in a shared JVM
   */
  ErrorTracking(SentryProperties properties, String release, String side, String application) {
    this.side = side;
    this.application = application;
    SharedSentry.join(this, properties, release);
  }

  String side() {
    return side;
  }

  String application() {
    return application;
  }

  @Override
  public void close() {
    SharedSentry.leave(this);
  }
}
