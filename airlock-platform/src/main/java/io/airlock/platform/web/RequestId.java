package io.airlock.platform.web;

import java.util.Optional;
import org.slf4j.MDC;

/**
 * The id that follows one request through the logs and into its problem details, taken from the
 * caller's {@code X-Request-ID} when valid or generated.
 */
public final class RequestId {

  /** The request and response header carrying the id. */
  public static final String HEADER = "X-Request-ID";

  /** The MDC key the id is logged under while the request is handled. */
  public static final String MDC_KEY = "requestId";

  /** The request attribute holding the id, which outlives the MDC into error dispatches. */
  static final String ATTRIBUTE = RequestId.class.getName();

  private RequestId() {}

  /** The id of the request the current thread is handling, if any. */
  public static Optional<String> current() {
    return Optional.ofNullable(MDC.get(MDC_KEY));
  }
}
