package io.airlock.e2e;

import javax.sql.DataSource;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A side running as an application context in the test JVM. */
record InProcessSide(ConfigurableApplicationContext context) implements Side {

  @Override
  public String url() {
    return "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  @Override
  public JdbcClient database() {
    return JdbcClient.create(context.getBean(DataSource.class));
  }

  @Override
  public void close() {
    context.close();
  }
}
