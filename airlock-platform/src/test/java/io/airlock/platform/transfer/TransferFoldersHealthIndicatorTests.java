package io.airlock.platform.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class TransferFoldersHealthIndicatorTests {

  @TempDir Path dataDir;
  TransferFolders folders;

  @BeforeEach
  void createFolders() throws IOException {
    folders = new TransferFolders(dataDir.resolve("outbox"), dataDir.resolve("inbox"));
    folders.create();
  }

  @Test
  void isUpWhenEveryFolderExistsAndTakesAFile() {
    Health health = new TransferFoldersHealthIndicator(folders, true).health();

    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails()).containsEntry("signatures", "on").doesNotContainKey("warning");
    assertThat(folders.archive()).isEmptyDirectory();
  }

  @Test
  void isDownWithTheReasonWhenAFolderIsReplacedByAFile() throws IOException {
    Files.delete(folders.archive());
    Files.writeString(folders.archive(), "not a folder");

    Health health = new TransferFoldersHealthIndicator(folders, true).health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails().get("reason"))
        .isEqualTo(folders.archive() + " is not a directory");
  }

  @Test
  void isDownWithTheReasonWhenAFolderIsMissing() throws IOException {
    Files.delete(folders.sent());

    Health health = new TransferFoldersHealthIndicator(folders, true).health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails().get("reason")).isEqualTo(folders.sent() + " is missing");
  }

  @Test
  void staysUpButWarnsWhenSignaturesAreOff() {
    Health health = new TransferFoldersHealthIndicator(folders, false).health();

    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails())
        .containsEntry("signatures", "off")
        .containsEntry("warning", TransferFoldersHealthIndicator.SIGNATURES_OFF);
  }
}
