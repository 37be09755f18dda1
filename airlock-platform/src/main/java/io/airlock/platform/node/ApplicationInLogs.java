package io.airlock.platform.node;

import java.time.Duration;
import java.util.Map;
import org.slf4j.MDC;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.task.TaskDecorator;

/**
 * Labels every log line with the side that wrote it, also where both sides share one JVM (the
 * standalone demo), where Spring Boot's own label names only the first. The label is the
 * application's name in the MDC ({@value #MDC_KEY}), which the log pattern shows
 * (platform-defaults.yml): put on the thread that starts the side, and carried from there to the
 * threads the side starts (its scheduler's tasks, its own threads) and set by the request id filter
 * for its HTTP requests.
 */
public final class ApplicationInLogs implements SpringApplicationRunListener {

  /** The MDC key of the application's name. */
  public static final String MDC_KEY = "airlock.application";

  public ApplicationInLogs(SpringApplication application, String[] args) {}

  @Override
  public void environmentPrepared(
      ConfigurableBootstrapContext bootstrapContext, ConfigurableEnvironment environment) {
    String name = environment.getProperty("spring.application.name");
    if (name != null) {
      MDC.put(MDC_KEY, name);
    }
  }

  /**
   * The side is up, and what it started carries the label; the thread that started it goes on
   * without it (in the standalone, it starts the other side next).
   */
  @Override
  public void ready(ConfigurableApplicationContext context, Duration timeTaken) {
    MDC.remove(MDC_KEY);
  }

  @Override
  public void failed(ConfigurableApplicationContext context, Throwable exception) {
    MDC.remove(MDC_KEY);
  }

  /**
   * A task that runs with the MDC of the thread that hands it over, so that what it logs is
   * labelled with the side that scheduled it.
   */
  public static TaskDecorator carryingTheLabel() {
    return ApplicationInLogs::carried;
  }

  /** {@code task}, run with the MDC the current thread has now. */
  public static Runnable carried(Runnable task) {
    Map<String, String> context = MDC.getCopyOfContextMap();
    return () -> {
      if (context != null) {
        MDC.setContextMap(context);
      }
      try {
        task.run();
      } finally {
        MDC.clear();
      }
    };
  }
}
