package io.airlock.requestside.requests;

import io.airlock.requestside.users.Entitlements;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The profile type a request must respect, from what the directory grants its user. */
@Component
class ProfileTypes {

  private final Entitlements entitlements;

  ProfileTypes(Entitlements entitlements) {
    this.entitlements = entitlements;
  }

  /** The profile type of a user, if its row has arrived from the directory. */
  Optional<ProfileType> ofUser(UUID userId) {
    return entitlements
        .profileOf(userId)
        .map(
            profile ->
                new ProfileType(
                    profile.name(),
                    profile.maxPriority(),
                    profile.allowedIndices(),
                    profile.maxResultSize()));
  }
}
