package io.airlock.requestside.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.platform.testing.MovableClock;
import io.airlock.requestside.RequestSideIntegrationTest;
import io.airlock.requestside.requests.RequestFixture;
import io.airlock.requestside.users.DirectoryChanges;
import io.airlock.requestside.users.User;
import io.airlock.requestside.users.UserFixture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Per-user quotas on {@code POST /requests}, with a clock the test moves: the warning at 80%, the
 * refusal at 100%, the grace to 110% that lasts five minutes once per window, the reset by an
 * admin, the user's overrides over the profile type's limits, and exact counts when several threads
 * and two instances on one database take from the same quota at once.
 */
@RequestSideIntegrationTest
@Import(QuotaIntegrationTests.Time.class)
class QuotaIntegrationTests {

  static final MovableClock CLOCK = new MovableClock();

  @TestConfiguration
  static class Time {
    @Bean
    Clock clock() {
      return CLOCK;
    }
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired PasswordEncoder passwords;
  @Autowired DataSource dataSource;
  @Autowired Quotas quotas;
  @Autowired QuotaLimits.Directory directory;
  @Autowired QuotaProperties properties;
  @Autowired QuotaCleanup cleanup;
  @Autowired DirectoryChanges directoryChanges;
  RequestFixture fixture;
  UserFixture users;
  User user;
  String token;

  @BeforeEach
  void setUp() {
    RestTestClient client =
        RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    users = new UserFixture(jdbc, passwords, client);
    fixture = new RequestFixture(jdbc, client, users);
    user = fixture.user();
    token = tokenFor(user);
    // Ten seconds into an hour, so that each test has whole windows ahead of it.
    CLOCK.set(
        Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)).plusSeconds(10));
  }

  /** A token issued by the real time: the token's own checks do not follow the test's clock. */
  private String tokenFor(User someone) {
    Instant moved = CLOCK.instant();
    CLOCK.set(Instant.now());
    try {
      return users.accessToken(someone);
    } finally {
      CLOCK.set(moved);
    }
  }

  @Test
  void warnsAt80PercentGoesOnInGraceTo110AndRefusesPastItUntilTheWindowResets() {
    limits(10, null, null);

    for (int i = 1; i <= 7; i++) {
      assertThat(submit().getResponseHeaders().getFirst(QuotaHeaders.WARNING)).isNull();
    }
    EntityExchangeResult<String> eighth = submit();
    assertThat(eighth.getResponseHeaders().getFirst(QuotaHeaders.WARNING))
        .isEqualTo("window=minute; remaining=2; limit=10");
    assertThat(eighth.getResponseHeaders().getFirst(QuotaHeaders.LIMIT)).isEqualTo("10");
    assertThat(eighth.getResponseHeaders().getFirst(QuotaHeaders.REMAINING)).isEqualTo("2");
    assertThat(eighth.getResponseHeaders().getFirst(QuotaHeaders.RESET)).isEqualTo("50");
    submit();
    submit();

    EntityExchangeResult<String> inGrace = submit();
    assertThat(inGrace.getResponseHeaders().getFirst(QuotaHeaders.GRACE))
        .startsWith("window=minute; remaining=0; until=");

    EntityExchangeResult<String> refused = refused();
    assertThat(refused.getResponseHeaders().getFirst("Retry-After")).isEqualTo("50");
    assertThat(refused.getResponseHeaders().getFirst(QuotaHeaders.REMAINING)).isEqualTo("0");
    assertThat(refused.getResponseBody())
        .contains("\"window\":\"minute\"")
        .contains("\"limit\":10")
        .contains("\"grace_used\":true")
        .contains("per-minute quota of 10 requests");

    CLOCK.advance(Duration.ofSeconds(50));
    EntityExchangeResult<String> nextMinute = submit();
    assertThat(nextMinute.getResponseHeaders().getFirst(QuotaHeaders.REMAINING)).isEqualTo("9");
    assertThat(nextMinute.getResponseHeaders().getFirst(QuotaHeaders.GRACE)).isNull();
  }

  @Test
  void showsWhatIsUsedOfEachWindowWithoutCountingItself() {
    limits(20, null, null);
    for (int i = 0; i < 15; i++) {
      submit();
    }
    Map<String, Object> minute = window(quota(), "minute");
    assertThat(minute)
        .containsEntry("used", 15)
        .containsEntry("limit", 20)
        .containsEntry("remaining", 5)
        .containsEntry("warning", false)
        .containsEntry("resets_at", CLOCK.instant().plusSeconds(50).toString());
    assertThat(quota().get("warn_at")).isEqualTo(0.8);
    assertThat(window(quota(), "minute").get("used")).as("reading counts nothing").isEqualTo(15);

    submit();
    assertThat(window(quota(), "minute"))
        .containsEntry("warning", true)
        .containsEntry("grace_until", null);
    // A grace of 10%: two more past the limit of 20.
    for (int i = 0; i < 5; i++) {
      submit();
    }
    Map<String, Object> inGrace = window(quota(), "minute");
    assertThat(inGrace).containsEntry("used", 21).containsEntry("remaining", 0);
    assertThat(inGrace.get("grace_until"))
        .isEqualTo(CLOCK.instant().plus(properties.graceDuration()).toString());
    assertThat(window(quota(), "hour")).containsEntry("used", 21).containsEntry("warning", false);
  }

  @Test
  void hasNoQuotasToShowWithoutAProfileType() {
    directoryChanges.apply(
        () ->
            jdbc.sql(
                    "update users set profile_type = 'not-yet-received', version = version + 1"
                        + " where id = :id")
                .param("id", user.id())
                .update());

    fixture.get(token, "/users/me/quota").expectStatus().isNotFound();
  }

  private Map<?, ?> quota() {
    return fixture
        .get(token, "/users/me/quota")
        .expectStatus()
        .isOk()
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> window(Map<?, ?> quota, String name) {
    return ((List<Map<String, Object>>) quota.get("windows"))
        .stream().filter(window -> name.equals(window.get("window"))).findFirst().orElseThrow();
  }

  @Test
  void theGraceEndsAfterFiveMinutesAndComesOncePerWindow() {
    limits(1000, 20, null);
    for (int i = 0; i < 20; i++) {
      submit();
    }
    assertThat(submit().getResponseHeaders().getFirst(QuotaHeaders.GRACE))
        .isEqualTo(
            "window=hour; remaining=1; until=" + CLOCK.instant().plus(Duration.ofMinutes(5)));

    CLOCK.advance(Duration.ofMinutes(5));
    assertThat(refused().getResponseBody())
        .as("one grace request was left, but its five minutes are over")
        .contains("\"window\":\"hour\"")
        .contains("\"grace_used\":true");

    CLOCK.advance(Duration.ofMinutes(55));
    for (int i = 0; i < 20; i++) {
      submit();
    }
    assertThat(submit().getResponseHeaders().getFirst(QuotaHeaders.GRACE))
        .as("a new hour, a new grace")
        .startsWith("window=hour; remaining=1;");
    submit();
    assertThat(refused().getResponseBody()).as("past 110%").contains("\"grace_used\":true");
  }

  @Test
  void aRefusalNamesTheWindowWhoseGraceIsOverNotOneStillInGrace() {
    limits(1000, 20, 21);
    for (int i = 0; i < 21; i++) {
      submit();
    }
    CLOCK.advance(Duration.ofMinutes(5));

    // The 22nd would start the day's grace, but the hour's is over: the hour refuses it.
    EntityExchangeResult<String> refused = refused();
    assertThat(refused.getResponseBody()).contains("\"window\":\"hour\"");
    assertThat(refused.getResponseHeaders().getFirst("Retry-After"))
        .as("until the hour is over, 54 min 50 s from here")
        .isEqualTo(String.valueOf(Duration.ofMinutes(54).plusSeconds(50).toSeconds()));
    assertThat(
            jdbc.sql("select count(*) from quota_grace where user_id = :id and window_name = 'day'")
                .param("id", user.id())
                .query(Long.class)
                .single())
        .as("the refused request began no grace of the day's")
        .isZero();
  }

  @Test
  void warnsOfEveryWindowPast80PercentWhileTheMinuteFallsBackToTheProfileType() {
    limits(null, 10, 10);
    for (int i = 0; i < 7; i++) {
      submit();
    }

    EntityExchangeResult<String> eighth = submit();
    assertThat(eighth.getResponseHeaders().getFirst(QuotaHeaders.WARNING))
        .as("the minute's 100 from the profile type is far off")
        .isEqualTo("window=hour; remaining=2; limit=10, window=day; remaining=2; limit=10");
  }

  @Test
  void aProfileTypeChangeTakesEffectEvenWhenItsDirectoryVersionIsBelowTheUsers() {
    String type = "quota-order-" + UUID.randomUUID();
    jdbc.sql(
            """
            insert into profile_types (name, per_minute, per_hour, per_day, max_priority,
                allowed_indices, max_result_size, version)
            select :type, per_minute, per_hour, per_day, max_priority, allowed_indices,
                max_result_size, 1
            from profile_types where name = (select profile_type from users where id = :id)""")
        .param("type", type)
        .param("id", user.id())
        .update();
    // Directory records arrive in any order: the user's newer record is here first...
    directoryChanges.apply(
        () ->
            jdbc.sql("update users set profile_type = :type, version = 1000 where id = :id")
                .param("type", type)
                .param("id", user.id())
                .update());
    assertThat(submit().getResponseHeaders().getFirst(QuotaHeaders.LIMIT)).isEqualTo("100");
    // ...then the profile type's older change.
    directoryChanges.apply(
        () ->
            jdbc.sql("update profile_types set per_minute = 4, version = 999 where name = :type")
                .param("type", type)
                .update());

    EntityExchangeResult<String> changed = submit();
    assertThat(changed.getResponseHeaders().getFirst(QuotaHeaders.LIMIT)).isEqualTo("4");
    assertThat(changed.getResponseHeaders().getFirst(QuotaHeaders.REMAINING))
        .as("a lowered limit caps what is left of the window")
        .isEqualTo("3");
  }

  @Test
  void aRequestRefusedForWhatItAsksDoesNotCount() {
    limits(10, null, null);

    fixture
        .post(token, RequestFixture.search("not-allowed", "{\"query\":{\"match_all\":{}}}", 1))
        .expectStatus()
        .isEqualTo(422);

    assertThat(submit().getResponseHeaders().getFirst(QuotaHeaders.REMAINING)).isEqualTo("9");
  }

  @Test
  void aRequestInOneWindowsGraceCountsInTheOtherWindowsToo() {
    limits(10, 12, null);
    for (int i = 0; i < 10; i++) {
      submit();
    }
    assertThat(submit().getResponseHeaders().getFirst(QuotaHeaders.GRACE))
        .startsWith("window=minute;");

    CLOCK.advance(Duration.ofMinutes(1));
    assertThat(submit().getResponseHeaders().getFirst(QuotaHeaders.GRACE))
        .as("the 12th of the hour: at its limit, counting the minute's grace request")
        .isNull();
    assertThat(submit().getResponseHeaders().getFirst(QuotaHeaders.GRACE))
        .startsWith("window=hour;");
    EntityExchangeResult<String> refused = refused();
    assertThat(refused.getResponseBody()).contains("\"window\":\"hour\"");
    assertThat(refused.getResponseHeaders().getFirst("Retry-After"))
        .as("until the hour is over")
        .isEqualTo(String.valueOf(Duration.ofMinutes(59).minusSeconds(10).toSeconds()));
  }

  @Test
  void aUsersOwnLimitsOverrideTheProfileTypesAndAChangeTakesEffectAtOnce() {
    assertThat(submit().getResponseHeaders().getFirst(QuotaHeaders.LIMIT))
        .as("the profile type's 100 per minute")
        .isEqualTo("100");

    limits(200, null, null);
    EntityExchangeResult<String> raised = submit();
    assertThat(raised.getResponseHeaders().getFirst(QuotaHeaders.LIMIT)).isEqualTo("200");
    assertThat(raised.getResponseHeaders().getFirst(QuotaHeaders.REMAINING))
        .as("a raised limit: what was used in the window stays used")
        .isEqualTo("198");

    limits(3, null, null);
    EntityExchangeResult<String> lowered = submit();
    assertThat(lowered.getResponseHeaders().getFirst(QuotaHeaders.LIMIT)).isEqualTo("3");
    assertThat(lowered.getResponseHeaders().getFirst(QuotaHeaders.REMAINING))
        .as("a lowered limit caps what is left of the window")
        .isEqualTo("2");
    submit();
    submit();
    assertThat(refused().getResponseBody())
        .as("3 / 10 leaves no grace")
        .contains("\"grace_used\":false");
  }

  @Test
  void anAdminResetsAUsersCountsAndGrace() {
    limits(10, null, null);
    for (int i = 0; i < 11; i++) {
      submit();
    }
    refused();
    User admin = users.create("admin", true);

    RestTestClient client =
        RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    client
        .post()
        .uri("/admin/users/{id}/reset-rate-limit", user.id())
        .header("Authorization", "Bearer " + token)
        .exchange()
        .expectStatus()
        .isForbidden();
    client
        .post()
        .uri("/admin/users/{id}/reset-rate-limit", user.id())
        .header("Authorization", "Bearer " + tokenFor(admin))
        .exchange()
        .expectStatus()
        .isNoContent();

    assertThat(submit().getResponseHeaders().getFirst(QuotaHeaders.REMAINING)).isEqualTo("9");
    assertThat(
            jdbc.sql("select count(*) from quota_grace where user_id = :id")
                .param("id", user.id())
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void aGraceBegunOnOneInstanceEndsOnAnotherAtItsTime() {
    limits(1000, 30, null); // a grace of 3
    Quotas otherInstance =
        new Quotas(countsOfAnotherInstance(), directory, jdbc, properties, CLOCK);
    for (int i = 0; i < 30; i++) {
      assertThat(quotas.take(user.id())).isInstanceOf(QuotaDecision.Allowed.class);
    }
    assertThat(otherInstance.take(user.id()))
        .isInstanceOfSatisfying(
            QuotaDecision.Allowed.class, allowed -> assertThat(allowed.grace()).isNotNull());

    CLOCK.advance(Duration.ofMinutes(4));
    assertThat(quotas.take(user.id()))
        .as("still in the grace the other instance began")
        .isInstanceOf(QuotaDecision.Allowed.class);
    CLOCK.advance(Duration.ofMinutes(1));
    assertThat(quotas.take(user.id()))
        .as("one grace request left, but its five minutes are over")
        .isInstanceOfSatisfying(
            QuotaDecision.Refused.class,
            refused -> assertThat(refused.window().window()).isEqualTo(QuotaWindow.HOUR));
  }

  @Test
  void admitsExactlyTheQuotaAndItsGraceFromManyThreadsOnTwoInstances() throws Exception {
    limits(50, null, null);
    Quotas otherInstance =
        new Quotas(countsOfAnotherInstance(), directory, jdbc, properties, CLOCK);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> attempts =
          java.util.stream.IntStream.range(0, 120)
              .mapToObj(
                  i ->
                      (Callable<Boolean>)
                          () ->
                              (i % 2 == 0 ? quotas : otherInstance).take(user.id())
                                  instanceof QuotaDecision.Allowed)
              .toList();
      long admitted = 0;
      for (Future<Boolean> attempt : pool.invokeAll(attempts)) {
        admitted += attempt.get() ? 1 : 0;
      }
      assertThat(admitted).as("50 plus a grace of 5").isEqualTo(55);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentSubmissionsSharingTransactionsAreAdmittedExactlyAndOnlyTheAdmittedAreStored()
      throws Exception {
    limits(20, null, null);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Callable<Integer>> calls =
          java.util.stream.IntStream.range(0, 60)
              .mapToObj(
                  i ->
                      (Callable<Integer>)
                          () ->
                              fixture
                                  .post(
                                      token,
                                      RequestFixture.search(
                                          "logs", "{\"query\":{\"match_all\":{}}}", 1))
                                  .returnResult(String.class)
                                  .getStatus()
                                  .value())
              .toList();
      List<Integer> statuses = new java.util.ArrayList<>();
      for (Future<Integer> call : pool.invokeAll(calls)) {
        statuses.add(call.get());
      }
      assertThat(statuses)
          .filteredOn(status -> status == 202)
          .as("20 plus a grace of 2")
          .hasSize(22);
      assertThat(statuses).filteredOn(status -> status == 429).hasSize(38);
      assertThat(
              jdbc.sql("select count(*) from requests where owner_id = :id")
                  .param("id", user.id())
                  .query(Long.class)
                  .single())
          .as("only the admitted are stored")
          .isEqualTo(22);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void cleansUpIdleBucketsAndGracePeriodsOfWindowsLongOver() {
    limits(10, null, null);
    for (int i = 0; i < 11; i++) {
      submit();
    }
    jdbc.sql(
            "insert into quota_grace (user_id, window_name, window_start, started_at)"
                + " values (:id, 'day', :old, :old)")
        .param("id", user.id())
        .param("old", java.sql.Timestamp.from(CLOCK.instant().minus(Duration.ofDays(3))))
        .update();
    jdbc.sql(
            """
            insert into rate_counts (key, version, capacities, windows, used, expires_at)
            values ('quota:idle', 1, '{10}', '{1}', '{1}', :over)""")
        .param("over", java.sql.Timestamp.from(CLOCK.instant().minus(Duration.ofMinutes(1))))
        .update();

    cleanup.clean();

    assertThat(
            jdbc.sql("select window_name from quota_grace where user_id = :id")
                .param("id", user.id())
                .query(String.class)
                .list())
        .as("this minute's grace stays")
        .containsExactly("minute");
    assertThat(refused().getResponseBody())
        .as("live counts stay")
        .contains("\"window\":\"minute\"");
    if (countsInPostgres()) {
      assertThat(
              jdbc.sql("select count(*) from rate_counts where key = 'quota:idle'")
                  .query(Long.class)
                  .single())
          .as("counts whose windows are over are gone")
          .isZero();
    }
  }

  /** Whether the counts live in PostgreSQL (else Redis expires them by itself). */
  boolean countsInPostgres() {
    return true;
  }

  /** The counts as another instance of this side would reach them. */
  RateCounts countsOfAnotherInstance() {
    return new RateCountsInPostgres(new JdbcTemplate(dataSource));
  }

  void limits(Integer perMinute, Integer perHour, Integer perDay) {
    directoryChanges.apply(
        () ->
            jdbc.sql(
                    """
                    update users set per_minute = :minute, per_hour = :hour, per_day = :day,
                        version = version + 1
                    where id = :id""")
                .param("minute", perMinute)
                .param("hour", perHour)
                .param("day", perDay)
                .param("id", user.id())
                .update());
  }

  EntityExchangeResult<String> submit() {
    return fixture
        .post(token, RequestFixture.search("logs", "{\"query\":{\"match_all\":{}}}", 1))
        .expectStatus()
        .isAccepted()
        .expectBody(String.class)
        .returnResult();
  }

  private EntityExchangeResult<String> refused() {
    return fixture
        .post(token, RequestFixture.search("logs", "{\"query\":{\"match_all\":{}}}", 1))
        .expectStatus()
        .isEqualTo(429)
        .expectBody(String.class)
        .returnResult();
  }
}
