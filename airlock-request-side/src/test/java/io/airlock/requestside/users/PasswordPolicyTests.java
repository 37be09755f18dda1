package io.airlock.requestside.users;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTests {

  @Test
  void acceptsALongPasswordThatIsNeitherTheUsernameNorTheCurrentOne() {
    assertThat(PasswordPolicy.refusal("a long passphrase", "alice", false)).isEmpty();
  }

  @Test
  void refusesAPasswordShorterThanTwelveCharacters() {
    assertThat(PasswordPolicy.refusal("elevenchars", "alice", false))
        .contains("must be at least 12 characters");
  }

  @Test
  void refusesTheUsernameInAnyCase() {
    assertThat(PasswordPolicy.refusal("Alice.Wonderland", "alice.wonderland", false))
        .contains("must not be the username");
  }

  @Test
  void refusesTheCurrentPassword() {
    assertThat(PasswordPolicy.refusal("a long passphrase", "alice", true))
        .contains("must differ from the current password");
  }

  @Test
  void refusesWhatBcryptWouldTruncate() {
    assertThat(PasswordPolicy.refusal("x".repeat(73), "alice", false))
        .contains("must be at most 72 bytes");
  }
}
