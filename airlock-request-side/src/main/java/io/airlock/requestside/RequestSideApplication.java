package io.airlock.requestside;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The request side: where people and programs on the low network submit requests. */
@SpringBootApplication
public class RequestSideApplication {

  /**
   * The name of this side's configuration files ({@code request-side.yml}, {@code
   * request-side-<profile>.yml}): not {@code application}, so that both sides can run in one JVM
   * without reading each other's configuration.
   */
  public static final String CONFIG_NAME = "request-side";

  /**
   * The application with its configuration name set, for {@link #main} and for running both sides
   * in one JVM. Override settings as arguments, {@code builder().run("--server.port=0")}: {@link
   * SpringApplicationBuilder#properties} are only defaults, which {@code request-side.yml}
   * overrides.
   */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(RequestSideApplication.class)
        .properties("spring.config.name=" + CONFIG_NAME);
  }

  public static void main(String[] args) {
    builder().run(args);
  }
}
