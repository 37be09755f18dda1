package io.airlock.requestside.apikeys;

import io.airlock.requestside.users.UserDeactivated;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Revokes every API key of a user the directory deactivated, in the same transaction (DESIGN §2
 * "Trust": deactivating a user on the response side revokes their keys here).
 */
@Component
class KeysRevokedOnDeactivation {

  private static final Logger log = LoggerFactory.getLogger(KeysRevokedOnDeactivation.class);

  private final ApiKeys keys;
  private final Clock clock;

  KeysRevokedOnDeactivation(ApiKeys keys, Clock clock) {
    this.keys = keys;
    this.clock = clock;
  }

  @EventListener
  void on(UserDeactivated deactivated) {
    int revoked = keys.revokeAllOf(deactivated.userId(), clock.instant());
    if (revoked > 0) {
      log.info("User {} deactivated: revoked {} API key(s)", deactivated.userId(), revoked);
    }
  }
}
