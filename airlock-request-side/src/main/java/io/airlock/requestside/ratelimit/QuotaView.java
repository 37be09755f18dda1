package io.airlock.requestside.ratelimit;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * How a user's quota windows stand, as the API answers it ({@code /users/me/quota}, {@code
 * /admin/users/{id}/quota}).
 */
public record QuotaView(@JsonProperty("warn_at") double warnAt, List<WindowView> windows) {

  public record WindowView(
      String window,
      int limit,
      long used,
      long remaining,
      @JsonProperty("resets_at") Instant resetsAt,
      boolean warning,
      @JsonProperty("grace_until") Instant graceUntil) {}

  public static QuotaView of(double warnAt, List<Quotas.Standing> windows) {
    return new QuotaView(
        warnAt,
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
