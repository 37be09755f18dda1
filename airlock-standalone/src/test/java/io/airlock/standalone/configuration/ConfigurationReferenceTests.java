package io.airlock.standalone.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md is what the metadata generates; {@code -Dairlock.docs.configuration=write}
 * makes this test write it instead of comparing.
 */
class ConfigurationReferenceTests {

  private static final String WRITE = "airlock.docs.configuration";

  @Test
  void metadataCoversEverySideAndDescribesEveryProperty() {
    ConfigurationMetadata metadata = ConfigurationMetadata.fromClassPath();

    assertThat(metadata.byModule())
        .containsKeys("platform", "requestside", "responseside", "console", "standalone");
    assertThat(metadata.properties())
        .filteredOn(property -> property.description().isEmpty())
        .as("properties without a javadoc description")
        .isEmpty();
  }

  @Test
  void configurationReferenceIsWhatTheMetadataGenerates() throws IOException {
    String generated = ConfigurationReference.render(ConfigurationMetadata.fromClassPath());
    Path file = ConfigurationReference.projectRoot().resolve(ConfigurationReference.FILE);
    if ("write".equals(System.getProperty(WRITE))) {
      Files.writeString(file, generated, StandardCharsets.UTF_8);
    }

    String current = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    assertThat(current)
        .as(
            "%s differs from the configuration metadata; regenerate it with%n  %s%n"
                + "(with the changed modules installed or built in the same reactor run)",
            ConfigurationReference.FILE, ConfigurationReference.REGENERATE)
        .isEqualTo(generated);
  }
}
