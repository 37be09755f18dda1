package io.airlock.requestside.ratelimit;

import java.time.Clock;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A request refused by the user's quota: 429, naming the window, with {@code Retry-After}. */
public class QuotaExceeded extends ErrorResponseException {

  public QuotaExceeded(QuotaDecision.Refused refused, Clock clock) {
    super(HttpStatus.TOO_MANY_REQUESTS, problem(refused), null);
    QuotaHeaders.add(getHeaders(), refused, clock);
  }

  private static ProblemDetail problem(QuotaDecision.Refused refused) {
    QuotaDecision.Window window = refused.window();
    String name = window.window().wireName();
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.TOO_MANY_REQUESTS,
            (refused.graceOver()
                        ? "You have used your per-%s quota of %d requests and its grace"
                        : "You have used your per-%s quota of %d requests")
                    .formatted(name, window.limit())
                + "; it resets at "
                + window.resetsAt()
                + ".");
    problem.setTitle("Quota used up");
    problem.setProperty("window", name);
    problem.setProperty("limit", window.limit());
    problem.setProperty("resets_at", window.resetsAt().toString());
    problem.setProperty("grace_used", refused.graceOver());
    return problem;
  }
}
