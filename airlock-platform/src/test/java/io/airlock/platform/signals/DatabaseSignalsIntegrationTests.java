package io.airlock.platform.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.airlock.platform.testing.TestDatabase;
import io.airlock.platform.testing.TestPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two instances on one database, each caching a fact the other changes: a change reaches both
 * caches when it commits, never before, and a cache that cannot hear the signals reads through.
 */
class DatabaseSignalsIntegrationTests {

  private static final String CHANNEL = "test_facts";

  private final List<DatabaseSignals> started = new ArrayList<>();
  private DataSource database;
  private JdbcClient jdbc;
  // The caches read through a DataSource of their own, outside the tests' transactions.
  private JdbcClient reader;

  @BeforeEach
  void setUp() {
    TestDatabase test = TestPostgres.newDatabase("classpath:db/migration/platform");
    database = test.dataSource();
    jdbc = JdbcClient.create(database);
    reader = JdbcClient.create(test.dataSource());
    jdbc.sql("create table facts (name text primary key, value text not null)").update();
    jdbc.sql("insert into facts values ('colour', 'blue')").update();
  }

  @AfterEach
  void stop() {
    started.forEach(DatabaseSignals::stop);
  }

  @Test
  void aChangeReachesTheCachesOfEveryInstanceWhenItCommitsAndNotBefore() {
    DatabaseSignals instanceA = new DatabaseSignals(database);
    DatabaseSignals instanceB = new DatabaseSignals(database);
    SignalledCache<String, String> a = cache(instanceA);
    SignalledCache<String, String> b = cache(instanceB);
    start(instanceA);
    start(instanceB);
    assertThat(read(a)).contains("blue");
    assertThat(read(b)).contains("blue");

    new TransactionTemplate(new DataSourceTransactionManager(database))
        .executeWithoutResult(
            status -> {
              jdbc.sql("update facts set value = 'red' where name = 'colour'").update();
              jdbc.sql("select pg_notify(:channel, 'facts')")
                  .param("channel", CHANNEL)
                  .query()
                  .singleValue();
              assertThat(read(a)).as("not committed yet").contains("blue");
            });

    await()
        .atMost(DatabaseSignals.STALE_AFTER)
        .untilAsserted(
            () -> {
              assertThat(read(a)).contains("red");
              assertThat(read(b)).contains("red");
            });
  }

  @Test
  void keepsWhatItReadUntilASignalSaysOtherwise() {
    AtomicInteger reads = new AtomicInteger();
    DatabaseSignals signals = new DatabaseSignals(database);
    SignalledCache<String, String> cache = cache(signals);
    start(signals);

    for (int i = 0; i < 5; i++) {
      cache.get("colour", name -> counted(reads, name));
    }

    assertThat(reads).hasValue(1);
  }

  @Test
  void readsThroughWhileItCannotHearTheSignals() {
    DatabaseSignals deaf = new DatabaseSignals(database);
    AtomicInteger reads = new AtomicInteger();
    SignalledCache<String, String> cache = cache(deaf);

    for (int i = 0; i < 3; i++) {
      cache.get("colour", name -> counted(reads, name));
    }

    assertThat(deaf.listening()).isFalse();
    assertThat(reads).hasValue(3);
  }

  @Test
  void doesNotKeepAValueReadWhileASignalArrived() {
    DatabaseSignals signals = new DatabaseSignals(database);
    SignalledCache<String, String> cache = cache(signals);
    start(signals);
    AtomicInteger reads = new AtomicInteger();

    cache.get(
        "colour",
        name -> {
          cache.invalidateAll(); // the signal, while the value is being read
          return counted(reads, name);
        });
    cache.get("colour", name -> counted(reads, name));

    assertThat(reads).hasValue(2);
  }

  @Test
  void afterLosingItsConnectionItReadsThroughThenListensAgainAndEmptiesItsCaches() {
    DatabaseSignals signals = new DatabaseSignals(database);
    AtomicInteger heard = new AtomicInteger();
    signals.subscribe(CHANNEL, heard::incrementAndGet);
    start(signals);
    await().until(() -> heard.get() > 0);
    int before = heard.get();

    // Every connection but this one ends, as when the database restarts.
    jdbc.sql(
            """
            select count(pg_terminate_backend(pid)) from pg_stat_activity
            where datname = current_database() and pid <> pg_backend_pid()""")
        .query()
        .singleValue();

    await().atMost(Duration.ofSeconds(10)).until(() -> signals.listening() && heard.get() > before);
  }

  /** Starts listening, as the side's context does once its caches have subscribed. */
  private void start(DatabaseSignals signals) {
    started.add(signals);
    signals.start();
    await().until(signals::listening);
  }

  private SignalledCache<String, String> cache(DatabaseSignals signals) {
    return new SignalledCache<>(signals, CHANNEL, Duration.ofMinutes(1), 100);
  }

  private Optional<String> read(SignalledCache<String, String> cache) {
    return cache.get("colour", this::value);
  }

  private Optional<String> counted(AtomicInteger reads, String name) {
    reads.incrementAndGet();
    return value(name);
  }

  private Optional<String> value(String name) {
    return reader
        .sql("select value from facts where name = :name")
        .param("name", name)
        .query(String.class)
        .optional();
  }
}
