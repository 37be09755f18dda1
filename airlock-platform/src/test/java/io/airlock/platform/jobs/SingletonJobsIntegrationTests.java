package io.airlock.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.platform.testing.TestPostgres;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class SingletonJobsIntegrationTests {

  private SingletonJobs instanceA;
  private SingletonJobs instanceB;

  @BeforeEach
  void setUp() {
    DataSource database = TestPostgres.newDatabase("classpath:db/migration/platform").dataSource();
    instanceA = instance(database);
    instanceB = instance(database);
  }

  @Test
  void anotherInstanceSkipsAJobWhileItRunsAndRunsItAfterwards() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Optional<String>> first =
        CompletableFuture.supplyAsync(
            () ->
                instanceA.runExclusivelyUnchecked(
                    "export",
                    Duration.ofMinutes(1),
                    () -> {
                      running.countDown();
                      await(release);
                      return "A";
                    }));
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(instanceB.runExclusively("export", Duration.ofMinutes(1), () -> "B")).isEmpty();
    assertThat(instanceB.runExclusively("import", Duration.ofMinutes(1), () -> "B")).contains("B");

    release.countDown();
    assertThat(first.get(10, TimeUnit.SECONDS)).contains("A");
    assertThat(instanceB.runExclusively("export", Duration.ofMinutes(1), () -> "B")).contains("B");
  }

  @Test
  void aJobWhoseInstanceDiedIsRunAgainOnceItsLockRunsOut() throws Exception {
    DataSource database = TestPostgres.newDatabase("classpath:db/migration/platform").dataSource();
    JdbcTemplate jdbc = new JdbcTemplate(database);
    // What a crashed instance leaves: a lock row it never released, until its time runs out.
    jdbc.update(
        "insert into shedlock (name, lock_until, locked_at, locked_by)"
            + " values ('export', now() + interval '1 minute', now(), 'dead')");
    SingletonJobs survivor = instance(database);

    assertThat(survivor.runExclusively("export", Duration.ofMinutes(1), () -> "ran")).isEmpty();
    jdbc.update("update shedlock set lock_until = now() where name = 'export'");
    assertThat(survivor.runExclusively("export", Duration.ofMinutes(1), () -> "ran"))
        .contains("ran");
  }

  private static SingletonJobs instance(DataSource database) {
    return SingletonJobs.onDatabase(database, "instance-" + UUID.randomUUID());
  }

  @Test
  void anInstanceStartingAgainTakesBackTheLocksItsCrashLeftAtOnce() throws Exception {
    DataSource database = TestPostgres.newDatabase("classpath:db/migration/platform").dataSource();
    JdbcTemplate jdbc = new JdbcTemplate(database);
    // Locks the same instance held when it was killed, and one of another instance, still running.
    jdbc.update(
        "insert into shedlock (name, lock_until, locked_at, locked_by) values"
            + " ('export', now() + interval '10 minutes', now(), 'host/me'),"
            + " ('import', now() + interval '10 minutes', now(), 'host/other')");

    SingletonJobs restarted = SingletonJobs.onDatabase(database, "host/me");

    assertThat(restarted.runExclusively("export", Duration.ofMinutes(1), () -> "ran"))
        .contains("ran");
    assertThat(restarted.runExclusively("import", Duration.ofMinutes(1), () -> "ran")).isEmpty();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
