package io.airlock.requestside.notifications;

/** How one attempt at a delivery went. */
sealed interface Attempt permits Attempt.Sent, Attempt.Failed, Attempt.Refused {

  /** The mail server took the message, or the webhook answered 2xx. */
  record Sent() implements Attempt {}

  /** Worth another try later: the receiver, its network or the mail server failed. */
  record Failed(String error) implements Attempt {}

  /**
   * Never worth another try as things stand: the webhook is no longer allowed, the user has no
   * address or no webhook any more. The delivery is given up at once, with the reason.
   */
  record Refused(String reason) implements Attempt {}
}
