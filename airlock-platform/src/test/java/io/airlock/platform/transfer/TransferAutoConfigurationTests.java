package io.airlock.platform.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class TransferAutoConfigurationTests {

  @TempDir Path dataDir;

  ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(TransferAutoConfiguration.class))
        .withPropertyValues("airlock.side=test", "airlock.data-dir=" + dataDir);
  }

  @Test
  void createsTheTransferFoldersUnderTheDataDirAtStartUp() {
    runner()
        .run(
            context -> {
              TransferFolders folders = context.getBean(TransferFolders.class);
              assertThat(folders.outbox()).isEqualTo(dataDir.resolve("outbox"));
              assertThat(folders.inbox()).isEqualTo(dataDir.resolve("inbox"));
              assertThat(folders.all().values())
                  .allSatisfy(folder -> assertThat(folder).isDirectory());
              assertThat(
                      context
                          .getBean("transferFoldersHealthIndicator", HealthIndicator.class)
                          .health()
                          .getStatus())
                  .isEqualTo(Status.UP);
            });
  }

  @Test
  void usesTheConfiguredOutboxAndInbox() {
    runner()
        .withPropertyValues(
            "airlock.transfer.outbox=" + dataDir.resolve("diode/out"),
            "airlock.transfer.inbox=" + dataDir.resolve("diode/in"))
        .run(
            context -> {
              TransferFolders folders = context.getBean(TransferFolders.class);
              assertThat(folders.sent()).isEqualTo(dataDir.resolve("diode/out/sent")).isDirectory();
              assertThat(folders.failed())
                  .isEqualTo(dataDir.resolve("diode/in/failed"))
                  .isDirectory();
            });
  }

  @Test
  void startsEvenWhenAFolderCannotBeCreatedAndReportsItDown() throws Exception {
    Files.writeString(dataDir.resolve("inbox"), "in the way");
    runner()
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(
                      context
                          .getBean("transferFoldersHealthIndicator", HealthIndicator.class)
                          .health()
                          .getStatus())
                  .isEqualTo(Status.DOWN);
            });
  }

  @Test
  void signaturesAreOnUnlessTurnedOff() {
    runner()
        .run(
            context ->
                assertThat(context.getBean(TransferProperties.class).signatures().enabled())
                    .isTrue());
    runner()
        .withPropertyValues("airlock.transfer.signatures.enabled=false")
        .run(
            context ->
                assertThat(context.getBean(TransferProperties.class).signatures().enabled())
                    .isFalse());
  }
}
