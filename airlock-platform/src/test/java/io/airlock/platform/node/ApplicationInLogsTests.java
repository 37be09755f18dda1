package io.airlock.platform.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class ApplicationInLogsTests {

  @AfterEach
  void clear() {
    MDC.clear();
  }

  @Test
  void carriesTheLabelOfTheThreadThatHandsATaskOverToTheThreadThatRunsIt() throws Exception {
    MDC.put(ApplicationInLogs.MDC_KEY, "airlock-request-side");
    CompletableFuture<String> seen = new CompletableFuture<>();
    Runnable task =
        ApplicationInLogs.carried(() -> seen.complete(MDC.get(ApplicationInLogs.MDC_KEY)));
    MDC.put(ApplicationInLogs.MDC_KEY, "airlock-response-side");

    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      pool.submit(task).get();
      CompletableFuture<String> afterwards = new CompletableFuture<>();
      pool.submit(() -> afterwards.complete(MDC.get(ApplicationInLogs.MDC_KEY))).get();

      assertThat(seen.get()).isEqualTo("airlock-request-side");
      assertThat(afterwards.get()).as("the pool's thread keeps no label").isNull();
    } finally {
      pool.shutdownNow();
    }
  }
}
