package io.airlock.responseside.inbound;

import io.airlock.platform.testing.AirlockTestInitializer;
import io.airlock.platform.testing.TestPeer;
import io.airlock.responseside.ResponseSideApplication;
import io.airlock.responseside.ResponseSideIntegrationTest;
import io.airlock.responseside.SharedSearchNodeInitializer;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The response side as {@link ResponseSideIntegrationTest} runs it (no workers, so requests stay
 * queued until a test says), trusting the {@link TestPeer}'s key and importing only when a test
 * calls for it. Every class with it shares one context and database.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
    classes = ResponseSideApplication.class,
    properties = {
      "spring.config.name=" + ResponseSideApplication.CONFIG_NAME,
      ResponseSideIntegrationTest.NO_BACKGROUND_WORK
    })
@ContextConfiguration(
    initializers = {
      AirlockTestInitializer.class,
      SharedSearchNodeInitializer.class,
      TestPeer.Trusted.class
    })
@interface RequestsChannelTest {}
