package io.airlock.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request side's JVM killed (as by {@code kill -9}) while submissions stream in, each with its
 * own {@code Idempotency-Key}: some were stored but their {@code 202} never reached the client.
 * After the restart the client retries every submission it has no answer to, with the same key, and
 * learns its id: each key makes exactly one request, and each request is answered once.
 */
class KilledWhileSubmittingIntegrationTests {

  private static final int CLIENTS = 4;

  @TempDir Path root;

  @Test
  void aClientRetryingWithItsKeysAfterACrashSubmitsNothingTwice() throws Exception {
    try (TwoSides airlock =
        TwoSides.start(root, CrashIntegrationTests.settings(TwoSides.OwnJvm.REQUEST_SIDE))) {
      SideProcess side = airlock.ownJvm();
      Analyst analyst =
          Analyst.signedIn(airlock, "keys" + System.nanoTime() % 100_000, TwoSides.BULK_PROFILE);

      Map<String, String> bodies = new ConcurrentHashMap<>();
      Map<String, String> answered = new ConcurrentHashMap<>();
      AtomicBoolean streaming = new AtomicBoolean(true);
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        running.add(
            clients.submit(
                () -> {
                  for (int i = 0; streaming.get(); i++) {
                    String key = "client-" + client + "-" + i + "-" + UUID.randomUUID();
                    String body = count(client * 100_000 + i);
                    bodies.put(key, body);
                    analyst.trySubmit(body, key).ifPresent(id -> answered.put(key, id));
                  }
                  return null;
                }));
      }
      awaitAnswers(answered, 40);
      side.kill();
      streaming.set(false);
      for (Future<?> client : running) {
        client.get(60, TimeUnit.SECONDS);
      }
      clients.shutdown();
      // Stored, whether the client heard of it or not (the database outlives the side's JVM).
      long storedAtTheKill = storedRequests(airlock);
      int answeredAtTheKill = answered.size();
      assertThat(side.start(null)).as("starts again after the kill").isTrue();

      int lost = 0;
      for (Map.Entry<String, String> sent : bodies.entrySet()) {
        if (!answered.containsKey(sent.getKey())) {
          lost++;
          Optional<String> id = analyst.trySubmit(sent.getValue(), sent.getKey());
          assertThat(id).as("the retry of " + sent.getKey() + " is answered").isPresent();
          answered.put(sent.getKey(), id.get());
        } else {
          assertThat(analyst.trySubmit(sent.getValue(), sent.getKey()))
              .as("a retry of an answered submission gets its id")
              .contains(answered.get(sent.getKey()));
        }
      }

      assertThat(answered.values()).as("one request per key").doesNotHaveDuplicates();
      assertThat(storedRequests(airlock)).as("nothing submitted twice").isEqualTo(bodies.size());
      System.out.printf(
          "%d keyed submissions, %d without an answer at the kill, of which %d had been stored:"
              + " each retried with its key and answered once%n",
          bodies.size(), lost, storedAtTheKill - answeredAtTheKill);
      Ledgers.assertEveryRequestAnsweredOnce(airlock);
    }
  }

  private static long storedRequests(TwoSides airlock) {
    return Ledgers.count(
        airlock.requestSideDatabase(),
        "select count(*) from requests q join users u on u.id = q.owner_id"
            + " where u.username like 'keys%'");
  }

  /** A count query no other submission of the test asks. */
  private static String count(int n) {
    return """
        {"index":"incidents","query_type":"count","priority":1,
         "query_params":{"query":{"range":{"score":{"gte":%d}}}}}"""
        .formatted(n);
  }

  private static void awaitAnswers(Map<String, String> answered, int count)
      throws InterruptedException {
    long giveUp = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (answered.size() < count && System.nanoTime() < giveUp) {
      Thread.sleep(10);
    }
    assertThat(answered.size()).as("answers before the kill").isGreaterThanOrEqualTo(count);
  }
}
