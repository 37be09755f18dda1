package io.airlock.requestside.ratelimit;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.airlock.requestside.users.Caller;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own quotas: how much of each window is used, and when it resets. */
@RestController
class QuotaController {

  private final Quotas quotas;

  QuotaController(Quotas quotas) {
    this.quotas = quotas;
  }

  record WindowView(
      String window,
      int limit,
      long used,
      long remaining,
      @JsonProperty("resets_at") Instant resetsAt,
      boolean warning,
      @JsonProperty("grace_until") Instant graceUntil) {}

  record QuotaView(@JsonProperty("warn_at") double warnAt, List<WindowView> windows) {}

  /** Refused while the user has no profile type: nothing can be submitted, nothing is counted. */
  static class NoQuota extends ErrorResponseException {
    NoQuota() {
      super(
          HttpStatus.NOT_FOUND,
          ProblemDetail.forStatusAndDetail(
              HttpStatus.NOT_FOUND,
              "No quotas yet: your account has no profile type from the response side."),
          null);
    }
  }

  @GetMapping("/users/me/quota")
  QuotaView quota(@AuthenticationPrincipal Caller caller) {
    List<Quotas.Standing> windows = quotas.standing(caller.id()).orElseThrow(NoQuota::new);
    return new QuotaView(
        quotas.warnAt(),
        windows.stream()
            .map(
                w ->
                    new WindowView(
                        w.window().wireName(),
                        w.limit(),
                        w.used(),
                        w.remaining(),
                        w.resetsAt(),
                        w.warning(),
                        w.graceUntil()))
            .toList());
  }
}
