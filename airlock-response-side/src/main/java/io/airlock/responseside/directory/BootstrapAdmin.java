package io.airlock.responseside.directory;

import io.airlock.responseside.directory.DirectoryAdministration.NewUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Creates the first admin on the first start. The account exists only on this side: it is never
 * exported, so the low side can never learn its password hash. In the demo profile, a demo user
 * too, who does cross, so that the request side's console can be tried at once.
 */
@Component
@EnableConfigurationProperties(BootstrapProperties.class)
class BootstrapAdmin implements ApplicationRunner {

  private static final Logger logger = LoggerFactory.getLogger(BootstrapAdmin.class);

  static final String ACTOR = "bootstrap";

  private final BootstrapProperties properties;
  private final Directory directory;
  private final DirectoryAdministration administration;

  BootstrapAdmin(
      BootstrapProperties properties, Directory directory, DirectoryAdministration administration) {
    this.properties = properties;
    this.directory = directory;
    this.administration = administration;
  }

  @Override
  public void run(ApplicationArguments args) {
    createAdmin();
    BootstrapProperties.DemoUser demo = properties.demoUser();
    if (demo.username() != null
        && demo.password() != null
        && !demo.password().isBlank()
        && directory.user(demo.username()).isEmpty()) {
      create(
          new NewUser(
              demo.username(),
              null,
              "Demo user",
              demo.role(),
              properties.adminProfileType(),
              demo.password(),
              false));
    }
  }

  private void createAdmin() {
    String username = properties.adminUsername();
    if (directory.user(username).isPresent()) {
      return;
    }
    if (properties.adminPassword() == null || properties.adminPassword().isBlank()) {
      logger.warn(
          "No admin was created because airlock.bootstrap.admin-password is not set. Set it (for"
              + " example AIRLOCK_BOOTSTRAP_ADMIN_PASSWORD in the environment) and restart to"
              + " create the admin '{}'.",
          username);
      return;
    }
    create(
        new NewUser(
            username,
            null,
            "Administrator",
            "admin",
            properties.adminProfileType(),
            properties.adminPassword(),
            true));
  }

  private void create(NewUser user) {
    try {
      administration.createUser(user, ACTOR);
      logger.info("Created the {} '{}' from airlock.bootstrap.", user.role(), user.username());
    } catch (UsernameTaken raced) {
      // Another instance on the same database created it first: that is the wanted outcome.
    }
  }
}
