package io.airlock.responseside;

import io.airlock.platform.testing.AirlockTestInitializer;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ContextConfiguration;

/**
 * The response side as it runs, on a random port, reading {@code response-side.yml}, with a
 * database and a data directory of its own (see {@link AirlockTestInitializer}). Test classes with
 * the same extra configuration share one context, and so one database. Its search cluster is the
 * OpenSearch node shared by the JVM (see {@link SharedSearchNodeInitializer}). Its executor runs no
 * workers, and the results exporter's and the directory snapshots' schedules are off, so requests
 * stay queued, results unexported and no snapshot joins the directory batches until a test says; no
 * control batch or re-send joins them either (the link is not maintained on its own), and the
 * monitoring checks run only when a test runs them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
    classes = ResponseSideApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=" + ResponseSideApplication.CONFIG_NAME,
      ResponseSideIntegrationTest.NO_BACKGROUND_WORK,
      "airlock.metrics.scrape.username=" + ResponseSideIntegrationTest.SCRAPE_USERNAME,
      "airlock.metrics.scrape.password=" + ResponseSideIntegrationTest.SCRAPE_PASSWORD
    })
@ContextConfiguration(
    initializers = {AirlockTestInitializer.class, SharedSearchNodeInitializer.class})
public @interface ResponseSideIntegrationTest {

  /** The metrics scraper's Basic credential. */
  String SCRAPE_USERNAME = "prometheus";

  String SCRAPE_PASSWORD = "response-side-scrape-password";

  /**
   * The background work tests decide on themselves, one setting a line: tests that put requests in
   * the queue decide when they run (the executor's own tests turn the workers on); results,
   * snapshots and the link's control batches and re-sends go out only when a test says; the
   * monitoring checks run when a test calls them (a context shared by many classes outlives their
   * 5-minute schedule; the bean stays, for the tests that call it).
   */
  String NO_BACKGROUND_WORK =
      """
      airlock.executor.enabled=false
      airlock.results-export.enabled=false
      airlock.directory.snapshot.enabled=false
      airlock.transfer.link.enabled=false
      airlock.monitoring.interval=1d
      """;
}
