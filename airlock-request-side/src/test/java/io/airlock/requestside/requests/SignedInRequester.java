package io.airlock.requestside.requests;

import io.airlock.requestside.users.DirectoryChanges;
import io.airlock.requestside.users.User;
import io.airlock.requestside.users.UserFixture;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Tests of the requests API, each run by a fresh user who is signed in. */
public abstract class SignedInRequester {

  @LocalServerPort protected int port;
  @Autowired protected JdbcClient jdbc;
  @Autowired protected PasswordEncoder passwords;
  @Autowired protected DirectoryChanges directoryChanges;
  protected RestTestClient client;
  protected UserFixture users;
  protected RequestFixture requests;
  protected User user;
  protected String token;

  @BeforeEach
  void signIn() {
    client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    users = new UserFixture(jdbc, passwords, client);
    requests = new RequestFixture(jdbc, client, users);
    user = requests.user();
    token = users.accessToken(user);
  }
}
