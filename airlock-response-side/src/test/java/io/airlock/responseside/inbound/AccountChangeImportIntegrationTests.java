package io.airlock.responseside.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.airlock.platform.transfer.InboxImporter;
import io.airlock.platform.transfer.TransferFolders;
import io.airlock.responseside.directory.Directory;
import io.airlock.responseside.directory.DirectoryAdministration;
import io.airlock.responseside.directory.User;
import io.airlock.transfer.batch.BatchReader;
import io.airlock.transfer.batch.ReceiveLimits;
import io.airlock.transfer.batch.RecordCursor;
import io.airlock.transfer.batch.VerifyResult;
import io.airlock.transfer.records.AccountChangeRecord;
import io.airlock.transfer.records.RecordLine;
import io.airlock.transfer.records.UserRecord;
import io.airlock.transfer.signing.PemKeys;
import io.airlock.transfer.signing.SignaturePolicy;
import io.airlock.transfer.signing.TrustedKeys;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** A user's own account change reaches only the fields a user may change, and is echoed back. */
@RequestsChannelTest
class AccountChangeImportIntegrationTests {

  private static final String NEW_HASH = new BCryptPasswordEncoder(4).encode("a new password");

  @Autowired InboxImporter importer;
  @Autowired TransferFolders folders;
  @Autowired DirectoryAdministration administration;
  @Autowired Directory directory;
  @Autowired JdbcClient jdbc;
  @Autowired Environment environment;

  RequestsFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new RequestsFixture(importer, folders, administration, jdbc);
  }

  @Test
  void appliesTheChangeUnderANewVersionAndTheNextDirectoryExportEchoesIt() throws Exception {
    User before = fixture.user("standard");
    AccountChangeRecord change = change(before.id(), "Ann Other", "ann@other.example", NEW_HASH);

    fixture.send(change);

    User after = directory.user(before.id()).orElseThrow();
    assertThat(after.displayName()).isEqualTo("Ann Other");
    assertThat(after.email()).isEqualTo("ann@other.example");
    assertThat(after.passwordHash()).isEqualTo(NEW_HASH);
    assertThat(after.version()).isGreaterThan(before.version());
    assertThat(after.echoedChangeIds()).containsExactly(change.id());
    assertThat(after.role()).isEqualTo(before.role());
    assertThat(after.profileType()).isEqualTo(before.profileType());
    assertThat(after.active()).isEqualTo(before.active());
    assertThat(fixture.audits(before.id().toString()))
        .singleElement()
        .satisfies(
            audit ->
                assertThat(audit)
                    .containsEntry("action", "account_change.applied")
                    .containsEntry("record_id", change.id()));
    assertThat(exportedEchoing(change.id()))
        .as("the user's next directory record echoes the change")
        .anySatisfy(user -> assertThat(user.version()).isEqualTo(after.version()));
  }

  @Test
  void leavesFieldsTheChangeDoesNotSetAndAppliesAChangeIdOnce() {
    User before = fixture.user("standard");
    AccountChangeRecord change = change(before.id(), "Only The Name", null, null);

    fixture.send(change);
    User after = directory.user(before.id()).orElseThrow();
    fixture.send(change);

    assertThat(after.displayName()).isEqualTo("Only The Name");
    assertThat(after.email()).isEqualTo(before.email());
    assertThat(after.passwordHash()).isEqualTo(before.passwordHash());
    assertThat(directory.user(before.id()).orElseThrow().version()).isEqualTo(after.version());
    assertThat(fixture.audits(before.id().toString()))
        .extracting(audit -> audit.get("action"))
        .containsExactly("account_change.applied", "account_change.duplicate");
  }

  @Test
  void refusesAChangeToAHighSideOnlyAccount() {
    User operator = fixture.user("standard", true);

    fixture.send(change(operator.id(), "Mallory", "m@evil.example", NEW_HASH));

    assertThat(directory.user(operator.id()).orElseThrow()).isEqualTo(operator);
    assertRefused(operator.id(), "high_side_only");
  }

  @Test
  void refusesAChangeToAnUnknownAccount() {
    UUID nobody = UUID.randomUUID();

    fixture.send(change(nobody, "Nobody", null, null));

    assertThat(directory.user(nobody)).isEmpty();
    assertRefused(nobody, "user_unknown");
  }

  @Test
  void refusesAPasswordHashThatIsNotBcryptAndEchoesTheChangeSoTheRequestSideDropsIt() {
    User before = fixture.user("standard");
    AccountChangeRecord change = change(before.id(), "Fine Name", null, "{noop}secret");

    fixture.send(change);

    User after = directory.user(before.id()).orElseThrow();
    assertThat(after.echoedChangeIds()).containsExactly(change.id());
    assertThat(after.version()).isGreaterThan(before.version());
    assertThat(after.displayName()).isEqualTo(before.displayName());
    assertThat(after.passwordHash()).isEqualTo(before.passwordHash());
    assertRefused(before.id(), "invalid_value");
  }

  private void assertRefused(UUID userId, String code) {
    assertThat(fixture.audits(userId.toString()))
        .singleElement()
        .satisfies(
            audit ->
                assertThat(audit)
                    .containsEntry("action", "account_change.refused")
                    .containsEntry("outcome", "refused")
                    .containsEntry("reason_code", code));
  }

  private static AccountChangeRecord change(
      UUID userId, String displayName, String email, String passwordHash) {
    return new AccountChangeRecord(
        UUID.randomUUID().toString(),
        userId.toString(),
        displayName,
        email,
        passwordHash,
        Instant.now());
  }

  /**
   * The user records echoing {@code changeId} in the directory batches this side published, once
   * its scheduled exporter has run.
   */
  private List<UserRecord> exportedEchoing(String changeId) throws Exception {
    Path ownKey =
        Path.of(environment.getRequiredProperty("airlock.data-dir")).resolve("keys/response.pub");
    BatchReader reader =
        new BatchReader(
            SignaturePolicy.required(TrustedKeys.of(List.of(PemKeys.readPublicKey(ownKey)))),
            ReceiveLimits.DEFAULTS);
    List<UserRecord> echoing = new ArrayList<>();
    try {
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                echoing.clear();
                for (UserRecord user : exportedUsers(reader)) {
                  if (user.echoedChangeIds().contains(changeId)) {
                    echoing.add(user);
                  }
                }
                return !echoing.isEmpty();
              });
    } catch (ConditionTimeoutException e) {
      // None echoes it: the caller's assertion says so.
    }
    return echoing;
  }

  private List<UserRecord> exportedUsers(BatchReader reader) throws IOException {
    List<UserRecord> users = new ArrayList<>();
    try (DirectoryStream<Path> manifests =
        Files.newDirectoryStream(folders.sent(), "directory-*.manifest.json")) {
      for (Path manifest : manifests) {
        if (reader.verify(manifest) instanceof VerifyResult.Accepted accepted) {
          try (RecordCursor cursor = accepted.batch().openRecords()) {
            cursor.forEachRemaining(
                line -> {
                  if (((RecordLine.Valid) line).record() instanceof UserRecord user) {
                    users.add(user);
                  }
                });
          }
        }
      }
    }
    return users;
  }
}
