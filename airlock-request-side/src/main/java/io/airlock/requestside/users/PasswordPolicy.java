package io.airlock.requestside.users;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** What a new password must be. Returns the reason it is refused, if it is. */
final class PasswordPolicy {

  static final int MIN_LENGTH = 12;
  static final int MAX_LENGTH = 72; // BCrypt ignores everything after 72 bytes

  private PasswordPolicy() {}

  static Optional<String> refusal(String candidate, String username, boolean sameAsCurrent) {
    if (candidate == null || candidate.length() < MIN_LENGTH) {
      return Optional.of("must be at least " + MIN_LENGTH + " characters");
    }
    if (candidate.getBytes(StandardCharsets.UTF_8).length > MAX_LENGTH) {
      return Optional.of("must be at most " + MAX_LENGTH + " bytes");
    }
    if (candidate.equalsIgnoreCase(username)) {
      return Optional.of("must not be the username");
    }
    if (sameAsCurrent) {
      return Optional.of("must differ from the current password");
    }
    return Optional.empty();
  }
}
