package io.airlock.requestside.ratelimit;

import io.airlock.requestside.users.Caller;
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
    return QuotaView.of(quotas.warnAt(), quotas.standing(caller.id()).orElseThrow(NoQuota::new));
  }
}
