package io.airlock.requestside.users;

import io.airlock.requestside.audit.AuditLog;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's changes to their own account: applied here at once and recorded as a pending account
 * change for the response side, which stays the source of truth.
 */
@Service
class AccountSelfService {

  private final Users users;
  private final AccountChanges changes;
  private final PasswordEncoder passwords;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;

  AccountSelfService(
      Users users,
      AccountChanges changes,
      PasswordEncoder passwords,
      AuditLog audit,
      ApplicationEventPublisher events) {
    this.users = users;
    this.changes = changes;
    this.passwords = passwords;
    this.audit = audit;
    this.events = events;
  }

  /** The user's own changes the directory has not echoed yet: "waiting for the high side". */
  List<AccountChanges.Pending> pending(Caller caller) {
    return changes.pendingOf(caller.id());
  }

  @Transactional
  User changeProfile(Caller caller, String displayName, String email) {
    users.changeProfile(caller.id(), displayName, email);
    UUID change = changes.record(caller.id(), displayName, email, null);
    audit.record(
        caller.username(),
        "account.update",
        "user:" + caller.username(),
        AuditLog.Outcome.SUCCESS,
        "account change " + change);
    return users.byId(caller.id()).orElseThrow();
  }

  /** Changes the password, or throws the reason it may not. */
  @Transactional(noRollbackFor = UsersController.CurrentPasswordWrong.class)
  void changePassword(Caller caller, String currentPassword, String newPassword) {
    User user = users.byId(caller.id()).orElseThrow();
    if (!passwords.matches(currentPassword, user.passwordHash())) {
      audit.record(
          caller.username(),
          "account.change-password",
          "user:" + caller.username(),
          AuditLog.Outcome.FAILURE,
          "wrong current password");
      throw new UsersController.CurrentPasswordWrong();
    }
    PasswordPolicy.refusal(
            newPassword, user.username(), passwords.matches(newPassword, user.passwordHash()))
        .ifPresent(
            reason -> {
              throw new UsersController.WeakPassword("new_password", reason);
            });
    String hash = passwords.encode(newPassword);
    users.changePassword(user.id(), hash);
    UUID change = changes.record(user.id(), null, null, hash);
    audit.record(
        caller.username(),
        "account.change-password",
        "user:" + caller.username(),
        AuditLog.Outcome.SUCCESS,
        "account change " + change);
    events.publishEvent(new PasswordChanged(user.id()));
  }
}
