package io.airlock.responseside;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The response side: where requests from the low network are executed against the data. */
@SpringBootApplication
public class ResponseSideApplication {

  /**
   * The name of this side's configuration files ({@code response-side.yml}, {@code
   * response-side-<profile>.yml}): not {@code application}, so that both sides can run in one JVM
   * without reading each other's configuration.
   */
  public static final String CONFIG_NAME = "response-side";

  /**
   * The application with its configuration name set, for {@link #main} and for running both sides
   * in one JVM. Override settings as arguments, {@code builder().run("--server.port=0")}: {@link
   * SpringApplicationBuilder#properties} are only defaults, which {@code response-side.yml}
   * overrides.
   */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(ResponseSideApplication.class)
        .properties("spring.config.name=" + CONFIG_NAME);
  }

  public static void main(String[] args) {
    builder().run(args);
  }
}
