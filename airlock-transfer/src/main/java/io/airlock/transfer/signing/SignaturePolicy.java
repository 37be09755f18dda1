package io.airlock.transfer.signing;

import java.util.Objects;

/**
 * Whether a receiver requires signatures. Required is the default; turning signatures off is an
 * explicit choice. A receiver that requires signatures never accepts an unsigned batch, so a sender
 * cannot downgrade a batch by leaving its signature out.
 */
public sealed interface SignaturePolicy {

  static SignaturePolicy required(TrustedKeys keys) {
    return new Required(keys);
  }

  static SignaturePolicy disabled() {
    return new Disabled();
  }

  /** Every batch must be signed by one of {@code keys}. */
  record Required(TrustedKeys keys) implements SignaturePolicy {
    public Required {
      Objects.requireNonNull(keys, "keys");
    }
  }

  /** Signatures are not checked (an explicit, reported setting). */
  record Disabled() implements SignaturePolicy {}
}
