package io.airlock.requestside.requests;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a request stands; the names are the values of {@code requests.status}. */
public enum RequestStatus {
  PENDING,
  EXPORTED,
  COMPLETED,
  FAILED,
  EXPIRED,
  CANCELLING,
  CANCELLED;

  /** Whether the request has ended: nothing about it changes any more. */
  public boolean isFinal() {
    return this == COMPLETED || this == FAILED || this == EXPIRED || this == CANCELLED;
  }

  /** Whether a user or an admin may still cancel it: it has not been answered yet. */
  public boolean cancellable() {
    return this == PENDING || this == EXPORTED;
  }

  /** Whether the request with this stored status has ended (an unknown status counts as ended). */
  public static boolean ended(String wireName) {
    return fromWireName(wireName).map(RequestStatus::isFinal).orElse(true);
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<RequestStatus> fromWireName(String name) {
    return Arrays.stream(values()).filter(s -> s.wireName().equals(name)).findFirst();
  }
}
