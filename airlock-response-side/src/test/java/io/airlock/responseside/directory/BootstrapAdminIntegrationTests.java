package io.airlock.responseside.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.responseside.AdminApi;
import io.airlock.responseside.AdminApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

@AdminApiIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class BootstrapAdminIntegrationTests {

  @LocalServerPort int port;
  @Autowired Directory directory;
  @Autowired DirectoryAdministration administration;
  @Autowired BootstrapAdmin bootstrapAdmin;

  @Test
  void createsTheConfiguredAdminOnFirstStartAsAHighSideOnlyAdmin() {
    User admin = directory.user(AdminApi.ADMIN).orElseThrow();

    assertThat(admin.role()).isEqualTo("admin");
    assertThat(admin.highSideOnly()).isTrue();
    assertThat(admin.active()).isTrue();
  }

  @Test
  void changesNothingWhenTheAdminExists() {
    User before = directory.user(AdminApi.ADMIN).orElseThrow();

    bootstrapAdmin.run(null);
    bootstrap(AdminApi.ADMIN, "a different password").run(null);

    assertThat(directory.user(AdminApi.ADMIN)).contains(before);
    AdminApi.asAdmin(port).get().uri("/admin/users").exchange().expectStatus().isOk();
  }

  @Test
  void createsNoAdminWithoutAPasswordAndSaysHowToSetOne(CapturedOutput output) {
    String username = AdminApi.uniqueUsername("unset");

    bootstrap(username, null).run(null);

    assertThat(directory.user(username)).isEmpty();
    assertThat(output).contains("WARN").contains("airlock.bootstrap.admin-password");
  }

  @Test
  void createsAMissingAdminWhoseLoginWorks() {
    String username = AdminApi.uniqueUsername("later");

    bootstrap(username, "later-password").run(null);

    assertThat(directory.user(username))
        .hasValueSatisfying(u -> assertThat(u.highSideOnly()).isTrue());
    AdminApi.as(port, username, "later-password")
        .get()
        .uri("/admin/users")
        .exchange()
        .expectStatus()
        .isOk();
  }

  @Test
  void createsADemoUserWhoCrossesToTheRequestSide() {
    String admin = AdminApi.uniqueUsername("demo-admin");
    String demo = AdminApi.uniqueUsername("demo");

    new BootstrapAdmin(
            new BootstrapProperties(
                admin,
                "demo-admin-password",
                "standard",
                new BootstrapProperties.DemoUser(demo, "demo-password", "admin")),
            directory,
            administration)
        .run(null);

    assertThat(directory.user(demo))
        .hasValueSatisfying(
            u -> {
              assertThat(u.highSideOnly()).isFalse();
              assertThat(u.role()).isEqualTo("admin");
              assertThat(u.active()).isTrue();
            });
    assertThat(directory.user(admin))
        .hasValueSatisfying(u -> assertThat(u.highSideOnly()).isTrue());
  }

  private BootstrapAdmin bootstrap(String username, String password) {
    return new BootstrapAdmin(
        new BootstrapProperties(
            username, password, "standard", new BootstrapProperties.DemoUser(null, null, "user")),
        directory,
        administration);
  }
}
