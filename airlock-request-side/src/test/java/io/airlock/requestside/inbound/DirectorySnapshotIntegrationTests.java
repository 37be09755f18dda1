package io.airlock.requestside.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.platform.testing.TestPeer;
import io.airlock.platform.transfer.ImportOutcome;
import io.airlock.platform.transfer.InboxImporter;
import io.airlock.platform.transfer.TransferFolders;
import io.airlock.requestside.RequestSideIntegrationTest;
import io.airlock.requestside.users.UserFixture;
import io.airlock.transfer.Channel;
import io.airlock.transfer.batch.EncodedBatch;
import io.airlock.transfer.manifest.SnapshotPart;
import io.airlock.transfer.records.Limits;
import io.airlock.transfer.records.UserRecord;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;

/**
 * Full directory snapshots. A database of its own (the property only sets this context apart): a
 * complete snapshot deactivates every user absent from it, which would reach into other tests'
 * users.
 */
@RequestSideIntegrationTest
@TestPropertySource(properties = "airlock.test.context=directory-snapshots")
class DirectorySnapshotIntegrationTests {

  @Autowired InboxImporter importer;
  @Autowired TransferFolders folders;
  @Autowired JdbcClient jdbc;
  @Autowired PasswordEncoder passwords;
  UserFixture users;
  TestPeer peer;

  @BeforeEach
  void setUp() {
    users = new UserFixture(jdbc, passwords, null);
    peer = new TestPeer(folders.inbox(), "response");
  }

  @Test
  void deactivatesAbsentUsersOnlyOnceEveryPartHasArrivedInAnyOrder() throws IOException {
    UUID named = user(3);
    UUID absent = user(2);
    UUID changedAfter = user(9);
    credentials(absent);
    credentials(named);
    UUID newcomer = UUID.randomUUID();
    UUID snapshot = UUID.randomUUID();

    peer.publish(
        Channel.DIRECTORY, new SnapshotPart(snapshot, 5, 2, 2), List.of(record(named, 3, true)));
    importer.importNow();
    assertThat(active(absent)).isTrue();
    assertThat(liveCredentials(absent)).isEqualTo(2);

    EncodedBatch first =
        peer.publish(
            Channel.DIRECTORY,
            new SnapshotPart(snapshot, 5, 1, 2),
            List.of(record(newcomer, 4, true)));
    assertThat(importer.importNow())
        .containsExactly(new ImportOutcome.Imported(first.manifest(), 1, 0));

    assertThat(active(absent)).isFalse();
    assertThat(liveCredentials(absent)).isZero();
    assertThat(active(changedAfter)).isTrue();
    assertThat(active(named)).isTrue();
    assertThat(liveCredentials(named)).isEqualTo(2);
    assertThat(active(newcomer)).isTrue();
    assertThat(
            jdbc.sql(
                    "select detail from audit_logs where action = 'directory.user.deactivate'"
                        + " and resource = :resource")
                .param("resource", "user:" + absent)
                .query(String.class)
                .single())
        .contains(snapshot.toString());
  }

  @Test
  void aUserWhoseRecordCouldNotBeReadIsNotTakenForAbsent() throws IOException {
    UUID unreadable = user(1);
    UUID absent = user(1);
    UUID named = UUID.randomUUID();
    EncodedBatch batch =
        peer.publish(
            Channel.DIRECTORY,
            new SnapshotPart(UUID.randomUUID(), 5, 1, 1),
            List.of(record(named, 2, true)));
    // A user record without its username: the part still completes, naming that user.
    peer.rewritePayload(
        batch,
        peer.payload(batch) + "{\"type\":\"user\",\"id\":\"" + unreadable + "\",\"version\":2}\n",
        2);

    List<ImportOutcome> outcomes = importer.importNow();

    assertThat(((ImportOutcome.Imported) outcomes.get(0)).quarantined()).isEqualTo(1);
    assertThat(active(unreadable)).isTrue();
    assertThat(active(absent)).isFalse();
    assertThat(active(named)).isTrue();
  }

  private UUID user(long version) {
    UUID id = users.user().id();
    jdbc.sql("update users set version = :version where id = :id")
        .param("version", version)
        .param("id", id)
        .update();
    return id;
  }

  /** An API key and a refresh token of the user's. */
  private void credentials(UUID userId) {
    jdbc.sql(
            "insert into api_keys (id, user_id, name, prefix, key_sha256)"
                + " values (gen_random_uuid(), :id, 'ci', 'abcd1234', gen_random_uuid()::text)")
        .param("id", userId)
        .update();
    jdbc.sql(
            """
            insert into refresh_tokens (id, user_id, family, token_sha256, issued_at, expires_at)
            values (gen_random_uuid(), :id, gen_random_uuid(), gen_random_uuid()::text, now(),
                    now() + interval '7 days')""")
        .param("id", userId)
        .update();
  }

  private int liveCredentials(UUID userId) {
    return jdbc.sql(
            """
            select (select count(*) from api_keys where user_id = :id and revoked_at is null)
                 + (select count(*) from refresh_tokens where user_id = :id and revoked_at is null)
            """)
        .param("id", userId)
        .query(Integer.class)
        .single();
  }

  private boolean active(UUID id) {
    return jdbc.sql("select active from users where id = :id")
        .param("id", id)
        .query(Boolean.class)
        .single();
  }

  private static UserRecord record(UUID id, long version, boolean active) {
    return new UserRecord(
        id.toString(),
        "snap-" + id.toString().substring(0, 8),
        null,
        null,
        "user",
        "standard",
        active,
        "$2a$10$abcdefghijklmnopqrstuuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ01",
        version,
        Limits.NONE,
        List.of(),
        Instant.parse("2026-11-22T05:00:00Z"));
  }
}
