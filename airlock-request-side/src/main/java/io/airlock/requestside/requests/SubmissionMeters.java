package io.airlock.requestside.requests;

import io.airlock.requestside.ratelimit.ApiLimitReached;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code airlock.submissions} by outcome: {@code accepted}, {@code invalid} (the query rules, the
 * profile type or an unreadable body refused it), {@code quota} or {@code rate_limit} (the API-wide
 * per-minute limit refused the call). {@link RequestIntake} tells the first three, whichever way
 * the request came; what never reaches it, an API body that does not bind and a {@code POST
 * /requests} over the limit, is seen here.
 */
@Component
class SubmissionMeters implements HandlerExceptionResolver, Ordered {

  private final Counter accepted;
  private final Counter invalid;
  private final Counter quota;
  private final Counter rateLimit;

  SubmissionMeters(MeterRegistry registry) {
    this.accepted = counter(registry, "accepted");
    this.invalid = counter(registry, "invalid");
    this.quota = counter(registry, "quota");
    this.rateLimit = counter(registry, "rate_limit");
  }

  void accepted() {
    accepted.increment();
  }

  void invalid() {
    invalid.increment();
  }

  void refusedByQuota() {
    quota.increment();
  }

  @EventListener
  void limited(ApiLimitReached limited) {
    if (isSubmission(limited.method(), limited.path())) {
      rateLimit.increment();
    }
  }

  /** Only looks: the platform's problem details still answer the exception. */
  @Override
  public ModelAndView resolveException(
      HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
    if ((ex instanceof HttpMessageNotReadableException
            || ex instanceof MethodArgumentNotValidException)
        && isSubmission(request.getMethod(), request.getRequestURI())) {
      invalid.increment();
    }
    return null;
  }

  /** Before the resolvers that answer: one that answers ends the search. */
  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  /** {@code POST /requests}, or an async search's submission ({@link ElasticsearchController}). */
  private static boolean isSubmission(String method, String path) {
    return "POST".equals(method)
        && ("/requests".equals(path)
            || (path.startsWith(ElasticsearchErrors.PATH + "/")
                && path.endsWith("/_async_search")));
  }

  private static Counter counter(MeterRegistry registry, String outcome) {
    return Counter.builder("airlock.submissions")
        .description("Submissions of requests by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }
}
