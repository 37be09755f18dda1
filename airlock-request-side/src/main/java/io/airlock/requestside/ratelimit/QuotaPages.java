package io.airlock.requestside.ratelimit;

import io.airlock.console.ConsolePages;
import io.airlock.requestside.users.Caller;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The caller's quotas as gauges: the same {@link Quotas#standing} as {@code GET /users/me/quota}.
 */
@ConsolePages
class QuotaPages {

  private final Quotas quotas;

  QuotaPages(Quotas quotas) {
    this.quotas = quotas;
  }

  @GetMapping("/console/quota")
  String quota(@AuthenticationPrincipal Caller caller, Model model) {
    model.addAttribute("windows", quotas.standing(caller.id()).orElse(List.of()));
    model.addAttribute("warnAt", Math.round(quotas.warnAt() * 100));
    return "request/quota";
  }
}
