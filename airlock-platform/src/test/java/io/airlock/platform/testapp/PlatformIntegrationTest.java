package io.airlock.platform.testapp;

import io.airlock.platform.testing.AirlockTestInitializer;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ContextConfiguration;

/** The platform test application on a real port, with its own database and data directory. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
    classes = PlatformTestApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "airlock.side=platform-test",
      "spring.application.name=airlock-platform-test",
      "spring.flyway.locations=classpath:db/migration/platform"
    })
@ContextConfiguration(initializers = AirlockTestInitializer.class)
public @interface PlatformIntegrationTest {}
