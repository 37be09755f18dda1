package io.airlock.console;

import org.springframework.security.core.AuthenticationException;

/** A sign-in refused before the password was checked: too many attempts this minute. */
public class SignInThrottled extends AuthenticationException {

  private final long secondsToReset;

  public SignInThrottled(long secondsToReset) {
    super("Too many sign-in attempts; try again in " + secondsToReset + " s.");
    this.secondsToReset = secondsToReset;
  }

  public long secondsToReset() {
    return secondsToReset;
  }
}
