package io.airlock.responseside.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.responseside.AdminApi;
import io.airlock.responseside.AdminApiIntegrationTest;
import io.airlock.responseside.directory.DirectoryAdministration.NewUser;
import io.airlock.transfer.records.Limits;
import io.airlock.transfer.records.ProfileTypeRecord;
import io.airlock.transfer.records.SettingRecord;
import io.airlock.transfer.records.UserRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@AdminApiIntegrationTest
class DirectoryIntegrationTests {

  static final String ACTOR = "directory-test";

  @Autowired Directory directory;
  @Autowired DirectoryAdministration administration;
  @Autowired JdbcClient jdbc;

  @Test
  void listsOnlyWhatChangedAfterTheGivenVersion() {
    long before = directory.changedSince(0).asOf();
    User user = createUser(AdminApi.uniqueUsername("since"), false);
    String type = ProfileTypeApiIntegrationTests.uniqueName();
    createProfileType(type);
    String key = "since." + type;
    administration.putSetting(key, "on", ACTOR);

    DirectoryChanges changes = directory.changedSince(before);

    assertThat(changes.since()).isEqualTo(before);
    assertThat(changes.users()).extracting(UserRecord::id).containsExactly(user.id().toString());
    assertThat(changes.profileTypes()).extracting(ProfileTypeRecord::id).containsExactly(type);
    assertThat(changes.settings()).extracting(SettingRecord::id).containsExactly(key);
    assertThat(changes.asOf()).isEqualTo(changes.settings().get(0).version());
    assertThat(directory.changedSince(changes.asOf()).isEmpty()).isTrue();
    assertThat(directory.changedSince(changes.asOf()).asOf()).isEqualTo(changes.asOf());
  }

  @Test
  void neverListsHighSideOnlyAccountsYetMovesPastThem() {
    long before = directory.changedSince(0).asOf();
    User operator = createUser(AdminApi.uniqueUsername("high"), true);
    administration.setActive(operator.id(), false, ACTOR);

    DirectoryChanges changes = directory.changedSince(before);

    assertThat(changes.users()).isEmpty();
    assertThat(changes.asOf()).isEqualTo(directory.user(operator.id()).orElseThrow().version());
    assertThat(directory.changedSince(0).users())
        .extracting(UserRecord::username)
        .doesNotContain(AdminApi.ADMIN, operator.username());
  }

  @Test
  void mapsEveryUserFieldIncludingLimitOverridesAndEchoedChangeIds() {
    long before = directory.changedSince(0).asOf();
    User created = createUser(AdminApi.uniqueUsername("mapped"), false);
    administration.setLimits(created.id(), new Limits(5L, null, 70L), ACTOR);
    administration.setActive(created.id(), false, ACTOR);
    jdbc.sql("update users set echoed_change_ids = array['change-1', 'change-2'] where id = :id")
        .param("id", created.id())
        .update();
    User stored = directory.user(created.id()).orElseThrow();

    UserRecord record = directory.changedSince(before).users().get(0);

    assertThat(record)
        .isEqualTo(
            new UserRecord(
                created.id().toString(),
                created.username(),
                created.username() + "@example.org",
                "Mapped User",
                "user",
                "standard",
                false,
                stored.passwordHash(),
                stored.version(),
                new Limits(5L, null, 70L),
                List.of("change-1", "change-2"),
                stored.updatedAt()));
    assertThat(record.passwordHash()).startsWith("$2");
  }

  @Test
  void mapsEveryProfileTypeAndSettingField() {
    long before = directory.changedSince(0).asOf();
    String type = ProfileTypeApiIntegrationTests.uniqueName();
    ProfileType created = createProfileType(type);
    Setting setting = administration.putSetting("mapped." + type, "42", ACTOR);

    DirectoryChanges changes = directory.changedSince(before);

    assertThat(changes.profileTypes())
        .containsExactly(
            new ProfileTypeRecord(
                type,
                created.version(),
                new Limits(4L, 40L, 400L),
                2,
                List.of("incidents", "assets"),
                250));
    assertThat(changes.settings())
        .containsExactly(new SettingRecord("mapped." + type, "42", setting.version()));
  }

  @Test
  void takesEveryVersionFromOneSequenceSoVersionsStrictlyIncreaseAcrossTables() {
    List<Long> versions = new ArrayList<>();
    User user = createUser(AdminApi.uniqueUsername("versions"), false);
    versions.add(user.version());
    String type = ProfileTypeApiIntegrationTests.uniqueName();
    versions.add(createProfileType(type).version());
    versions.add(administration.putSetting("versions." + type, "a", ACTOR).version());
    versions.add(
        administration.updateUser(user.id(), null, "Renamed", "user", type, ACTOR).version());
    versions.add(
        administration
            .updateProfileType(type, new Limits(1L, 2L, 3L), 1, List.of(), 1, ACTOR)
            .version());
    versions.add(administration.setLimits(user.id(), Limits.NONE, ACTOR).version());
    versions.add(administration.putSetting("versions." + type, "b", ACTOR).version());

    assertThat(versions).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void rollsBackAFailedChangeWithoutLoggingIt() {
    long logged = directoryLogs();
    User user = createUser(AdminApi.uniqueUsername("rollback"), false);
    long afterCreate = directoryLogs();

    try {
      administration.updateUser(user.id(), null, null, "user", "no-such-type", ACTOR);
    } catch (UnknownProfileType expected) {
      // the point of the test
    }

    assertThat(afterCreate).isEqualTo(logged + 1);
    assertThat(directoryLogs()).isEqualTo(afterCreate);
    assertThat(directory.user(user.id()).orElseThrow().version()).isEqualTo(user.version());
  }

  /** The directory's entries only: other components (monitoring) write to the same log. */
  private long directoryLogs() {
    return jdbc.sql("select count(*) from system_logs where component = :component")
        .param("component", DirectoryAdministration.COMPONENT)
        .query(Long.class)
        .single();
  }

  private User createUser(String username, boolean highSideOnly) {
    return administration.createUser(
        new NewUser(
            username,
            username + "@example.org",
            "Mapped User",
            "user",
            "standard",
            "pass-word-" + username,
            highSideOnly),
        ACTOR);
  }

  private ProfileType createProfileType(String name) {
    return administration.createProfileType(
        name, new Limits(4L, 40L, 400L), 2, List.of("incidents", "assets"), 250, ACTOR);
  }
}
