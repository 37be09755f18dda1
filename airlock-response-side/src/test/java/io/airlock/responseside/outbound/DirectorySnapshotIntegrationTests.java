package io.airlock.responseside.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.platform.transfer.TransferFolders;
import io.airlock.responseside.AdminApi;
import io.airlock.responseside.AdminApiIntegrationTest;
import io.airlock.responseside.directory.DirectoryAdministration;
import io.airlock.transfer.manifest.SnapshotPart;
import io.airlock.transfer.records.ProfileTypeRecord;
import io.airlock.transfer.records.SettingRecord;
import io.airlock.transfer.records.TransferRecord;
import io.airlock.transfer.records.UserRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

@AdminApiIntegrationTest
class DirectorySnapshotIntegrationTests {

  @LocalServerPort int port;
  @Autowired DirectorySnapshots snapshots;
  @Autowired DirectoryAdministration administration;
  @Autowired TransferFolders folders;
  @Autowired Environment environment;
  @Autowired JdbcClient jdbc;

  @Test
  @SuppressWarnings("unchecked")
  void sendsTheWholeExportedDirectoryAsOfOneVersionWhenAnAdminAsks() throws IOException {
    String username = AdminApi.uniqueUsername("snap");
    AdminApi.createUser(AdminApi.asAdmin(port), username, "user", "pass-word-1");
    administration.createUser(
        new DirectoryAdministration.NewUser(
            "op" + username, null, "Operator", "admin", "standard", "a long enough password", true),
        "test");
    jdbc.sql("update users set active = false where username = :username")
        .param("username", username)
        .update();

    Map<String, Object> body =
        AdminApi.asAdmin(port)
            .post()
            .uri("/admin/directory/snapshot")
            .exchange()
            .expectStatus()
            .isAccepted()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();

    UUID id = UUID.fromString((String) body.get("snapshot_id"));
    long asOf = ((Number) body.get("as_of_version")).longValue();
    assertThat(asOf).isEqualTo(highestVersion());
    List<SentBatches.Sent> parts = parts(id);
    assertThat(parts).hasSize(((Number) body.get("part_count")).intValue());
    List<TransferRecord> records = parts.stream().flatMap(p -> p.records().stream()).toList();
    assertThat(records).hasSize(((Number) body.get("record_count")).intValue());
    assertThat(records)
        .filteredOn(UserRecord.class::isInstance)
        .extracting(r -> ((UserRecord) r).username())
        .containsExactlyInAnyOrderElementsOf(
            jdbc.sql("select username from users where not high_side_only")
                .query(String.class)
                .list())
        .contains(username)
        .doesNotContain("op" + username, AdminApi.ADMIN);
    assertThat(records)
        .filteredOn(r -> r instanceof UserRecord u && u.username().equals(username))
        .singleElement()
        .satisfies(u -> assertThat(((UserRecord) u).active()).isFalse());
    assertThat(records)
        .filteredOn(ProfileTypeRecord.class::isInstance)
        .extracting(TransferRecord::id)
        .containsExactlyInAnyOrderElementsOf(
            jdbc.sql("select name from profile_types").query(String.class).list());
    assertThat(records)
        .filteredOn(SettingRecord.class::isInstance)
        .extracting(TransferRecord::id)
        .containsExactlyInAnyOrderElementsOf(
            jdbc.sql("select key from settings").query(String.class).list());
    assertThat(
            jdbc.sql(
                    """
                    select count(*) from system_logs
                    where message = 'directory snapshot sent'
                      and details ->> 'snapshot_id' = :id and details ->> 'requested_by' = :admin
                    """)
                .param("id", id.toString())
                .param("admin", AdminApi.ADMIN)
                .query(Integer.class)
                .single())
        .isOne();
  }

  @Test
  void cutsALargeDirectoryIntoPartsThatEachKnowThePartCount() throws IOException {
    String prefix = "bulk-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    jdbc.sql(
            """
            insert into users (id, username, role, profile_type, password_hash, version)
            select gen_random_uuid(), :prefix || i, 'user', 'standard', '$2a$10$notarealhash',
                   nextval('directory_version')
            from generate_series(1, 600) i""")
        .param("prefix", prefix)
        .update();

    DirectorySnapshot snapshot = snapshots.take("test").orElseThrow();

    assertThat(snapshot.partCount()).isGreaterThanOrEqualTo(2);
    List<SentBatches.Sent> parts = parts(snapshot.id());
    assertThat(parts)
        .extracting(p -> p.manifest().snapshot())
        .extracting(SnapshotPart::part)
        .containsExactlyElementsOf(IntStream.rangeClosed(1, snapshot.partCount()).boxed().toList());
    assertThat(parts)
        .allSatisfy(
            p -> {
              assertThat(p.manifest().snapshot().partCount()).isEqualTo(snapshot.partCount());
              assertThat(p.manifest().snapshot().asOfVersion()).isEqualTo(snapshot.asOfVersion());
              assertThat(p.records()).hasSizeLessThanOrEqualTo(500);
            });
    assertThat(parts.stream().flatMap(p -> p.records().stream()))
        .hasSize(snapshot.recordCount())
        .filteredOn(r -> r instanceof UserRecord u && u.username().startsWith(prefix))
        .hasSize(600);
    assertThat(
            jdbc.sql("select parts_allocated from directory_snapshots where id = :id")
                .param("id", snapshot.id())
                .query(Integer.class)
                .single())
        .isEqualTo(snapshot.partCount());
  }

  @Test
  void takesAScheduledSnapshotOnlyOnceTheLastCompleteOneIsOlderThanTheInterval() {
    int before = snapshotCount();

    new SnapshotSchedule(
            snapshots, new SnapshotProperties(true, Duration.ZERO, Duration.ofMinutes(1)))
        .check();
    assertThat(snapshotCount()).isEqualTo(before + 1);

    new SnapshotSchedule(
            snapshots, new SnapshotProperties(true, Duration.ofHours(1), Duration.ofMinutes(1)))
        .check();
    assertThat(snapshotCount()).as("the last one is minutes old").isEqualTo(before + 1);
    assertThat(
            jdbc.sql(
                    "select requested_by from directory_snapshots order by created_at desc limit 1")
                .query(String.class)
                .single())
        .isEqualTo("schedule");
  }

  @Test
  void takesASnapshotAtOnceForARequestSideWhoseDatabaseIsNew() {
    SnapshotSchedule daily =
        new SnapshotSchedule(
            snapshots, new SnapshotProperties(true, Duration.ofDays(1), Duration.ofMinutes(1)));
    daily.check();
    int before = snapshotCount();
    String known = "epoch-" + UUID.randomUUID();
    jdbc.sql(
            """
            insert into inbound_watermarks (sender_node_id, sender_epoch, channel, created_at)
            values ('request', :epoch, 'requests', now() - interval '1 day')""")
        .param("epoch", known)
        .update();
    jdbc.sql(
            """
            insert into inbound_watermarks (sender_node_id, sender_epoch, channel)
            values ('request', :epoch, 'control')""")
        .param("epoch", known)
        .update();

    daily.check();
    assertThat(snapshotCount()).as("a known epoch on a new channel").isEqualTo(before);

    jdbc.sql(
            """
            insert into inbound_watermarks (sender_node_id, sender_epoch, channel)
            values ('request', :epoch, 'requests')""")
        .param("epoch", "epoch-" + UUID.randomUUID())
        .update();
    daily.check();
    assertThat(snapshotCount())
        .as("a request side heard of for the first time")
        .isEqualTo(before + 1);

    daily.check();
    assertThat(snapshotCount()).isEqualTo(before + 1);
  }

  @Test
  void answers409WhileAnotherInstanceTakesASnapshot() {
    jdbc.sql(
            """
            insert into shedlock (name, lock_until, locked_at, locked_by)
            values ('directory-snapshot', now() + interval '1 minute', now(), 'other')
            on conflict (name) do update
            set lock_until = excluded.lock_until, locked_by = excluded.locked_by""")
        .update();
    try {
      problem(AdminApi.asAdmin(port).post().uri("/admin/directory/snapshot").exchange(), 409);
    } finally {
      jdbc.sql("update shedlock set lock_until = now() where name = 'directory-snapshot'").update();
    }
    AdminApi.asAdmin(port)
        .post()
        .uri("/admin/directory/snapshot")
        .exchange()
        .expectStatus()
        .isAccepted();
  }

  @Test
  void answers503WhileTheOutboxCannotBeWritten() throws IOException {
    Path aside = folders.outbox().resolveSibling("outbox-unmounted");
    Files.move(folders.outbox(), aside);
    try {
      problem(AdminApi.asAdmin(port).post().uri("/admin/directory/snapshot").exchange(), 503);
    } finally {
      Files.move(aside, folders.outbox());
    }
  }

  @Test
  void letsOnlyAdminsAskForASnapshot() {
    int before = snapshotCount();
    String username = AdminApi.uniqueUsername("plain");
    AdminApi.createHighSideAccount(AdminApi.asAdmin(port), username, "user", "user-password-1");

    problem(AdminApi.anonymous(port).post().uri("/admin/directory/snapshot").exchange(), 401);
    problem(
        AdminApi.as(port, username, "user-password-1")
            .post()
            .uri("/admin/directory/snapshot")
            .exchange(),
        403);
    assertThat(snapshotCount()).isEqualTo(before);
  }

  private List<SentBatches.Sent> parts(UUID snapshot) throws IOException {
    return new SentBatches(folders, environment)
        .on("directory").stream()
            .filter(
                b ->
                    b.manifest().snapshot() != null
                        && b.manifest().snapshot().snapshotId().equals(snapshot))
            .toList();
  }

  private long highestVersion() {
    return jdbc.sql(
            """
            select greatest((select coalesce(max(version), 0) from users),
                            (select coalesce(max(version), 0) from profile_types),
                            (select coalesce(max(version), 0) from settings))""")
        .query(Long.class)
        .single();
  }

  private int snapshotCount() {
    return jdbc.sql("select count(*) from directory_snapshots").query(Integer.class).single();
  }

  private static void problem(ResponseSpec response, int status) {
    response
        .expectStatus()
        .isEqualTo(status)
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(status);
  }
}
