package io.airlock.standalone;

import io.airlock.transfer.shuttle.ShuttleFaults;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The demo: {@code mvn -pl airlock-standalone spring-boot:run}. Runs until interrupted (Ctrl-C),
 * then stops everything it started.
 */
public final class StandaloneApplication {

  private StandaloneApplication() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    StandaloneSettings settings = settings(args);
    Standalone standalone = Standalone.start(settings, args);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  standalone.close();
                  stopped.countDown();
                },
                "airlock-standalone-stop"));
    printWelcome(standalone, System.out);
    stopped.await();
  }

  public static StandaloneSettings settings(String[] args) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
    return Binder.get(environment).bindOrCreate("airlock.standalone", StandaloneSettings.class);
  }

  private static String describe(ShuttleFaults faults) {
    if (faults.equals(ShuttleFaults.NONE)) {
      return "none";
    }
    return "drop %s, duplicate %s, delay %s, truncate %s, corrupt %s"
        .formatted(
            faults.drop(), faults.duplicate(), faults.delay(), faults.truncate(), faults.corrupt());
  }

  static void printWelcome(Standalone standalone, PrintStream out) {
    StandaloneSettings settings = standalone.settings();
    out.printf(
        """

        Airlock is running on embedded defaults.

          Request side (low)    %1$s     API docs %1$s/docs   health %1$s/health
          Response side (high)  %2$s     API docs %2$s/docs   health %2$s/health
          Console (low)         %1$s/console   sign in as %9$s (a demo admin, once the directory has crossed)
          Console (high)        %2$s/console   operators: sign in as %8$s
          Search node           %3$s     (OpenSearch 2.19.1, generated sample indices 'incidents' and 'assets')

          Folders   request side  %4$s   (outbox, inbox, keys, postgres)
                    response side %5$s
          Shuttle   every %6$s ms; faults: %7$s

          Admin     %8$s  (response side, HTTP Basic: e.g. curl -u … %2$s/admin/users)
                    Users created there reach the request side once the directory export lands.
          Metrics   %1$s/metrics and %2$s/metrics (Prometheus), bearer token %10$s
                    dashboards: docker compose -f deploy/observability/docker-compose.yml up

        Press Ctrl-C to stop.
        """,
        standalone.requestSideUrl(),
        standalone.responseSideUrl(),
        standalone.searchUrl(),
        settings.requestSideDir().toAbsolutePath().normalize(),
        settings.responseSideDir().toAbsolutePath().normalize(),
        settings.shuttle().interval().toMillis(),
        describe(settings.shuttle().faults()),
        standalone.demoAdmin(),
        standalone.demoUser(),
        Standalone.DEMO_SCRAPE_TOKEN);
  }
}
