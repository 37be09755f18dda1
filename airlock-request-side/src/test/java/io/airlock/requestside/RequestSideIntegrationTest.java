package io.airlock.requestside;

import io.airlock.platform.testing.AirlockTestInitializer;
import io.airlock.platform.testing.TestPeer;
import io.airlock.requestside.users.DirectoryChanges;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The request side as it runs, on a random port, reading {@code request-side.yml}, with a database
 * and a data directory of its own (see {@link AirlockTestInitializer}). Test classes with the same
 * extra configuration share one context, and so one database. The exporter's schedule and the
 * background inbox import are off, so submitted requests stay pending until a test exports them and
 * batches wait in the inbox until a test imports them; no control batch or re-send is sent on its
 * own. The side trusts the {@link TestPeer}'s key.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
    classes = RequestSideApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=" + RequestSideApplication.CONFIG_NAME,
      "airlock.export.enabled=false",
      "airlock.inbox.enabled=false",
      "airlock.transfer.link.enabled=false",
      // Every test's calls come from one address; the limits' own tests set them low.
      "airlock.rate-limits.anonymous=1000000",
      "airlock.rate-limits.authenticated=1000000",
      "airlock.rate-limits.admin=1000000",
      "airlock.rate-limits.login-per-username=1000000",
      "airlock.rate-limits.login-per-address=1000000",
      "airlock.metrics.scrape.token=" + RequestSideIntegrationTest.SCRAPE_TOKEN
    })
@Import(DirectoryChanges.class)
@ContextConfiguration(initializers = {AirlockTestInitializer.class, TestPeer.Trusted.class})
public @interface RequestSideIntegrationTest {

  /** The metrics scraper's bearer token. */
  String SCRAPE_TOKEN = "request-side-scrape-token-for-the-tests";
}
