package io.airlock.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceIdTests {

  @TempDir Path dataDir;
  @TempDir Path otherDataDir;

  @Test
  void namesItselfFromItsDataFolderAndGivesASecondUserOfTheFolderAnotherName() {
    String first = InstanceId.of(dataDir);

    String sameFolderMeanwhile = InstanceId.of(dataDir);
    String otherFolder = InstanceId.of(otherDataDir);

    assertThat(first).matches(".+/[0-9a-f-]{36}");
    assertThat(sameFolderMeanwhile).as("the folder is locked by the first").isNotEqualTo(first);
    assertThat(otherFolder).isNotEqualTo(first);
    assertThat(dataDir.resolve(InstanceId.FILE))
        .content()
        .isEqualToIgnoringNewLines(first.substring(first.indexOf('/') + 1));
  }
}
