package io.airlock.requestside.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.requestside.RequestSideIntegrationTest;
import io.airlock.transfer.records.Limits;
import io.airlock.transfer.records.ProfileTypeRecord;
import io.airlock.transfer.records.SettingRecord;
import io.airlock.transfer.records.UserRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/** The replica applies directory records by version, whatever order and however often they come. */
@RequestSideIntegrationTest
@Transactional
class DirectoryReplicaIntegrationTests {

  @Autowired DirectoryReplica replica;
  @Autowired JdbcClient jdbc;

  @Test
  void theHigherVersionWinsWhateverTheOrder() {
    UUID id = UUID.randomUUID();
    replica.apply(user(id, "ann@new.example", 7, true, List.of()), null);
    replica.apply(user(id, "ann@old.example", 3, true, List.of()), null);
    replica.apply(user(id, "ann@new.example", 7, true, List.of()), null);

    assertThat(row(id)).containsEntry("email", "ann@new.example").containsEntry("version", 7L);
  }

  @Test
  void aPendingChangeOfTheUserSurvivesADirectoryRecordThatDoesNotEchoIt() {
    UUID id = UUID.randomUUID();
    replica.apply(user(id, "ann@old.example", 1, true, List.of()), null);
    UUID change = UUID.randomUUID();
    jdbc.sql("update users set email = 'ann@mine.example' where id = :id").param("id", id).update();
    jdbc.sql(
            "insert into account_changes (id, user_id, email) values (:c, :id, 'ann@mine.example')")
        .param("c", change)
        .param("id", id)
        .update();

    replica.apply(user(id, "ann@old.example", 2, true, List.of()), null);
    assertThat(row(id)).containsEntry("email", "ann@mine.example");

    replica.apply(user(id, "ann@mine.example", 3, true, List.of(change.toString())), null);
    assertThat(row(id)).containsEntry("email", "ann@mine.example");
    assertThat(
            jdbc.sql("select echoed_at is not null from account_changes where id = :c")
                .param("c", change)
                .query(Boolean.class)
                .single())
        .isTrue();
    replica.apply(user(id, "ann@admin-set.example", 4, true, List.of()), null);
    assertThat(row(id)).containsEntry("email", "ann@admin-set.example");
  }

  @Test
  void deactivationRevokesTheUsersRefreshTokensAndApiKeys() {
    UUID id = UUID.randomUUID();
    replica.apply(user(id, "bob@example.org", 1, true, List.of()), null);
    jdbc.sql(
            "insert into api_keys (id, user_id, name, prefix, key_sha256)"
                + " values (:k, :id, 'ci', 'abcd1234', :sha)")
        .param("k", UUID.randomUUID())
        .param("id", id)
        .param("sha", UUID.randomUUID().toString())
        .update();

    replica.apply(user(id, "bob@example.org", 2, false, List.of()), null);

    assertThat(row(id)).containsEntry("active", false);
    assertThat(
            jdbc.sql("select count(*) from api_keys where user_id = :id and revoked_at is null")
                .param("id", id)
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  void appliesProfileTypesAndSettingsByVersion() {
    replica.apply(
        new ProfileTypeRecord("analysts", 5, new Limits(1L, 2L, 3L), 4, List.of("incidents"), 50),
        null);
    replica.apply(
        new ProfileTypeRecord("analysts", 4, new Limits(9L, 9L, 9L), 9, List.of("assets"), 9),
        null);
    replica.apply(new SettingRecord("retention.days", "30", 2), null);
    replica.apply(new SettingRecord("retention.days", "10", 1), null);

    assertThat(
            jdbc.sql("select max_priority from profile_types where name = 'analysts'")
                .query(Integer.class)
                .single())
        .isEqualTo(4);
    assertThat(
            jdbc.sql("select value from settings where key = 'retention.days'")
                .query(String.class)
                .single())
        .isEqualTo("30");
  }

  @Test
  void aUsernameTheDirectoryGaveToAnotherIdMovesOverAndTheOldAccountIsDeactivated() {
    UUID old = UUID.randomUUID();
    replica.apply(named(old, "ann", "user"), null);
    jdbc.sql(
            "insert into api_keys (id, user_id, name, prefix, key_sha256, scopes)"
                + " values (gen_random_uuid(), :id, 'k', 'p', 'sha-of-old-key', '{}')")
        .param("id", old)
        .update();
    UUID rebuilt = UUID.randomUUID(); // the response side's database was rebuilt

    replica.apply(named(rebuilt, "ann", "user"), null);

    assertThat(username(rebuilt)).isEqualTo("ann");
    assertThat(username(old)).isEqualTo("ann~" + old.toString().substring(0, 8));
    assertThat(row(old)).containsEntry("active", false);
    assertThat(
            jdbc.sql("select revoked_at is not null from api_keys where user_id = :id")
                .param("id", old)
                .query(Boolean.class)
                .single())
        .isTrue();
  }

  @Test
  void refusesARoleThisSideDoesNotHaveWithoutFailingTheBatch() {
    UUID id = UUID.randomUUID();

    replica.apply(named(id, "op-" + id.toString().substring(0, 8), "operator"), null);

    assertThat(
            jdbc.sql("select count(*) from users where id = :id")
                .param("id", id)
                .query(Integer.class)
                .single())
        .isZero();
    assertThat(
            jdbc.sql(
                    "select count(*) from audit_logs where action = 'directory.user.refuse'"
                        + " and resource = :resource")
                .param("resource", "user:" + id)
                .query(Integer.class)
                .single())
        .isOne();
  }

  private String username(UUID id) {
    return jdbc.sql("select username from users where id = :id")
        .param("id", id)
        .query(String.class)
        .single();
  }

  private static UserRecord named(UUID id, String username, String role) {
    return new UserRecord(
        id.toString(),
        username,
        null,
        null,
        role,
        "standard",
        true,
        "$2a$10$abcdefghijklmnopqrstuuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ01",
        1,
        Limits.NONE,
        List.of(),
        Instant.parse("2026-11-22T05:00:00Z"));
  }

  private Map<String, Object> row(UUID id) {
    return jdbc.sql("select email, version, active from users where id = :id")
        .param("id", id)
        .query()
        .singleRow();
  }

  private static UserRecord user(
      UUID id, String email, long version, boolean active, List<String> echoed) {
    return new UserRecord(
        id.toString(),
        "user-" + id.toString().substring(0, 8),
        email,
        "Display",
        "user",
        "standard",
        active,
        "$2a$10$abcdefghijklmnopqrstuuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ01",
        version,
        Limits.NONE,
        echoed,
        Instant.parse("2026-11-22T05:00:00Z"));
  }
}
