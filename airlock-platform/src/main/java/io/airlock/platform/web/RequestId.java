package io.airlock.platform.web;

import java.util.Map;
import java.util.Optional;
import org.slf4j.MDC;
import org.springframework.http.ProblemDetail;

/**
 * The id that follows one request through the logs and into its problem details, taken from the
 * caller's {@code X-Request-ID} when valid or generated.
 */
public final class RequestId {

  /** The request and response header carrying the id. */
  public static final String HEADER = "X-Request-ID";

  /** The MDC key the id is logged under while the request is handled. */
  public static final String MDC_KEY = "requestId";

  /** The member of a problem document carrying the id, snake case like every other member. */
  public static final String PROBLEM_MEMBER = "request_id";

  /**
   * The member's name before 0.2, written as well for one release so that a client reading it keeps
   * working; to be removed in 0.3 (README, "Problem details").
   */
  @Deprecated(forRemoval = true)
  public static final String LEGACY_PROBLEM_MEMBER = "requestId";

  /** The request attribute holding the id, which outlives the MDC into error dispatches. */
  static final String ATTRIBUTE = RequestId.class.getName();

  private RequestId() {}

  /** Puts {@code id} into a problem document under its name, and its name before 0.2. */
  @SuppressWarnings("removal")
  static void addTo(ProblemDetail problem, String id) {
    problem.setProperty(PROBLEM_MEMBER, id);
    problem.setProperty(LEGACY_PROBLEM_MEMBER, id);
  }

  /** The same for a problem document being built as a map. */
  @SuppressWarnings("removal")
  static void addTo(Map<String, Object> problem, String id) {
    problem.put(PROBLEM_MEMBER, id);
    problem.put(LEGACY_PROBLEM_MEMBER, id);
  }

  /** The id of the request the current thread is handling, if any. */
  public static Optional<String> current() {
    return Optional.ofNullable(MDC.get(MDC_KEY));
  }
}
