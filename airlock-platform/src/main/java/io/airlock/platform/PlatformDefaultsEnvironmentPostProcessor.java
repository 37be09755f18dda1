package io.airlock.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds the settings both sides share (problem details, health groups, API docs paths) as the
 * lowest-precedence property source: each side's own file, and then the operator, can override any
 * of them, and the two sides do not repeat them.
 */
class PlatformDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

  static final String RESOURCE = "io/airlock/platform/platform-defaults.yml";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    try {
      new YamlPropertySourceLoader()
          .load("airlockPlatformDefaults", new ClassPathResource(RESOURCE))
          .forEach(environment.getPropertySources()::addLast);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + RESOURCE, e);
    }
  }
}
