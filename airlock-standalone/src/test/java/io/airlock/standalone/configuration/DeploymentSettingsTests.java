package io.airlock.standalone.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.standalone.configuration.DeploymentSettings.Setting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every Airlock setting the files in deploy/ set is a property some module defines. */
class DeploymentSettingsTests {

  private static final ConfigurationMetadata METADATA = ConfigurationMetadata.fromClassPath();

  @Test
  void deploymentFilesSetOnlyPropertiesThatExist() throws IOException {
    Path deploy = ConfigurationReference.projectRoot().resolve("deploy");
    List<Setting> settings = new ArrayList<>();
    settings.addAll(
        DeploymentSettings.fromCompose(
            "deploy/docker-compose.yml", read(deploy.resolve("docker-compose.yml"))));
    try (Stream<Path> files = Files.list(deploy.resolve("systemd"))) {
      for (Path file : files.sorted().toList()) {
        settings.addAll(
            DeploymentSettings.fromSystemd("deploy/systemd/" + file.getFileName(), read(file)));
      }
    }

    assertThat(settings)
        .extracting(Setting::name)
        .contains(
            "AIRLOCK_TRANSFER_SIGNATURES_TRUSTEDKEYS_0", "AIRLOCK_SEARCH_URL", "airlock.data-dir");
    assertThat(settings.stream().map(Setting::source).distinct())
        .contains(
            "deploy/docker-compose.yml request-side",
            "deploy/docker-compose.yml response-side",
            "deploy/systemd/airlock-request-side.service",
            "deploy/systemd/airlock-request-side.env",
            "deploy/systemd/airlock-response-side.service",
            "deploy/systemd/airlock-response-side.env");
    assertThat(DeploymentSettings.unknown(settings, METADATA))
        .as("settings no module defines (see docs/configuration.md)")
        .isEmpty();
  }

  @Test
  void reportsAMisspeltPropertyInAComposeFile() {
    String compose =
        """
        services:
          request-side:
            environment:
              AIRLOCK_TRANSFER_INBOX: /transfer/inbox
              AIRLOCK_TRANSFER_SIGNATURES_TRUSTEDKEY_0: /run/keys/response.pub
            command: ["--airlock.transfer.outbox=/o", "--airlock.trasnfer.inbox=/i"]
          shuttle:
            environment: ["AIRLOCK_SEARCH_URLL=http://x", "INTERVAL=1"]
        """;

    assertThat(
            DeploymentSettings.unknown(
                DeploymentSettings.fromCompose("compose", compose), METADATA))
        .containsExactly(
            new Setting("compose request-side", "AIRLOCK_TRANSFER_SIGNATURES_TRUSTEDKEY_0"),
            new Setting("compose request-side", "airlock.trasnfer.inbox"),
            new Setting("compose shuttle", "AIRLOCK_SEARCH_URLL"));
  }

  @Test
  void reportsAMisspeltPropertyInASystemdUnitOrEnvironmentFile() {
    String unit =
        """
        [Service]
        Environment=AIRLOCK_NODE_ID=request "AIRLOCK_NODE_IDD=x"
        EnvironmentFile=/etc/airlock/request-side.env
        ExecStart=/usr/bin/java -jar side.jar --airlock.data-dir=/d --airlock.data-dirr=/d
        # AIRLOCK_COMMENTED_OUT=1
        AIRLOCK_TRANSFER_LINK_ONEWAY=true
        """;

    assertThat(DeploymentSettings.unknown(DeploymentSettings.fromSystemd("unit", unit), METADATA))
        .extracting(Setting::name)
        .containsExactly("AIRLOCK_NODE_IDD", "airlock.data-dirr");
  }

  @Test
  void acceptsTheFormsSpringBootBinds() {
    assertThat(
            Stream.of(
                "AIRLOCK_TRANSFER_LINK_ONEWAY",
                "AIRLOCK_TRANSFER_LINK_ONE_WAY",
                "AIRLOCK_TRANSFER_SIGNATURES_TRUSTEDKEYS_0_",
                "airlock.transfer.link.one-way",
                "airlock.transfer.link.oneWay",
                "AIRLOCK_NODEID",
                "airlock.transfer.signatures.trusted-keys[1]"))
        .allMatch(name -> DeploymentSettings.isKnown(name, METADATA));
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
