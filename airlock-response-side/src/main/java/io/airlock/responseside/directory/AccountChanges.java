package io.airlock.responseside.directory;

import io.airlock.responseside.monitoring.SystemLog;
import io.airlock.responseside.monitoring.SystemLog.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies the changes users make to their own accounts on the request side (DESIGN §2 "Trust"):
 * only to accounts the request side knows (never a high-side-only one), only the fields an {@link
 * AccountChange} has, and only values this side would accept from an admin. An applied change takes
 * the next directory version and joins the user's echoed change ids, so the next directory export
 * tells the request side it may drop its pending copy.
 */
@Service
public class AccountChanges {

  static final int MAX_DISPLAY_NAME = 200;
  static final int MAX_EMAIL = 254;
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
  // What BCryptPasswordEncoder writes, and nothing else: a hash in another format could carry a
  // different scheme this side's encoder would not expect.
  private static final Pattern BCRYPT =
      Pattern.compile("\\$2[aby]\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}");

  private final Users users;
  private final DirectoryVersions versions;
  private final SystemLog log;

  AccountChanges(Users users, DirectoryVersions versions, SystemLog log) {
    this.users = users;
    this.versions = versions;
    this.log = log;
  }

  @Transactional
  public AccountChangeOutcome apply(AccountChange change) {
    // The version first: its lock serialises directory writers, so the user read next is current.
    long version = versions.next();
    Optional<User> found = users.byId(change.userId());
    if (found.isEmpty()) {
      return new AccountChangeOutcome.Refused("user_unknown", "user_id: no such user");
    }
    User user = found.get();
    if (user.highSideOnly()) {
      return new AccountChangeOutcome.Refused(
          "high_side_only", "user_id: the account exists only on the response side");
    }
    if (user.echoedChangeIds().contains(change.changeId().toString())) {
      return new AccountChangeOutcome.AlreadyApplied();
    }
    Optional<String> invalid = invalidField(change);
    if (invalid.isPresent()) {
      // Echoed all the same, unapplied: the next directory export then carries the account as
      // it is here, and the request side drops the change it holds as pending instead of laying
      // it over the source of truth for good.
      users.echoRefusedChange(change, version);
      return new AccountChangeOutcome.Refused("invalid_value", invalid.get());
    }
    users.applyAccountChange(change, version);
    log.record(
        Level.INFO,
        DirectoryAdministration.COMPONENT,
        "account changed by its user",
        Map.of(
            "userId", user.id().toString(),
            "username", user.username(),
            "changeId", change.changeId().toString(),
            "fields", changedFields(change),
            "version", version));
    return new AccountChangeOutcome.Applied(version);
  }

  private static Optional<String> invalidField(AccountChange change) {
    String name = change.displayName();
    if (name != null && (name.isBlank() || name.length() > MAX_DISPLAY_NAME || hasControl(name))) {
      return Optional.of(
          "display_name must be 1 to "
              + MAX_DISPLAY_NAME
              + " characters, not blank, without control characters");
    }
    String email = change.email();
    if (email != null
        && (email.length() > MAX_EMAIL || hasControl(email) || !EMAIL.matcher(email).matches())) {
      return Optional.of("email must be an address of at most " + MAX_EMAIL + " characters");
    }
    String hash = change.passwordHash();
    if (hash != null && !BCRYPT.matcher(hash).matches()) {
      return Optional.of("password_hash must be a BCrypt hash");
    }
    return Optional.empty();
  }

  private static boolean hasControl(String text) {
    return text.chars().anyMatch(Character::isISOControl);
  }

  // Names only: the values (a password hash above all) do not belong in the system log.
  private static List<String> changedFields(AccountChange change) {
    List<String> fields = new ArrayList<>();
    if (change.displayName() != null) {
      fields.add("display_name");
    }
    if (change.email() != null) {
      fields.add("email");
    }
    if (change.passwordHash() != null) {
      fields.add("password_hash");
    }
    return fields;
  }
}
