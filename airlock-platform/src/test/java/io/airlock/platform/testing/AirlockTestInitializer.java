package io.airlock.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * Gives a Spring test context a database of its own, copied from a template migrated with the
 * context's {@code spring.flyway.locations}, and, unless the test sets {@code airlock.data-dir}, a
 * temporary data directory of its own that is deleted when the context closes.
 *
 * <pre>{@code
 * @SpringBootTest(properties = "spring.config.name=request-side")
 * @ContextConfiguration(initializers = AirlockTestInitializer.class)
 * }</pre>
 */
public class AirlockTestInitializer
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  static final String PROPERTY_SOURCE = "airlockTestContext";

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    ConfigurableEnvironment environment = context.getEnvironment();
    List<String> locations =
        Binder.get(environment)
            .bind("spring.flyway.locations", Bindable.listOf(String.class))
            .orElse(List.of("classpath:db/migration"));
    TestDatabase database = TestPostgres.newDatabase(locations);
    Map<String, Object> properties = new HashMap<>();
    properties.put("spring.datasource.url", database.jdbcUrl());
    properties.put("spring.datasource.username", database.username());
    properties.put("spring.datasource.password", database.password());
    if (!environment.containsProperty("airlock.data-dir")) {
      Path dataDir = temporaryDataDir();
      properties.put("airlock.data-dir", dataDir.toString());
      context.addApplicationListener(
          event -> {
            if (event instanceof ContextClosedEvent) {
              FileSystemUtils.deleteRecursively(dataDir.toFile());
            }
          });
    }
    environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
  }

  private static Path temporaryDataDir() {
    try {
      return Files.createTempDirectory("airlock-test-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
