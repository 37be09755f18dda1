package io.airlock.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the sides' architecture tests share: the platform's tables, which a side's code may read but
 * never write, and the check that docs/architecture.md shows a module's table map as found.
 */
public final class PlatformTables {

  /** The platform's migrations, seen from a side's module directory. */
  public static final Path MIGRATIONS =
      Path.of("..", "airlock-platform", "src", "main", "resources", "db", "migration", "platform");

  private static final Path DOCUMENT = Path.of("..", "docs", "architecture.md");

  private PlatformTables() {}

  /** The owner of a platform table, as a side's table map names it. */
  public static String owner(String table) {
    return table.equals("shedlock") ? "platform.jobs" : "platform.transfer";
  }

  /**
   * Asserts that docs/architecture.md holds {@code rendered} as {@code module}'s table map; on a
   * difference the rendering is in {@code target/architecture-<module>.md}, ready to paste.
   */
  public static void assertDocumented(String module, String rendered) throws IOException {
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "architecture-" + module + ".md"), rendered);
    String document = Files.readString(DOCUMENT);
    String begin = "<!-- table map of " + module + ": rendered by its ArchitectureTests -->";
    String end = "<!-- end of the table map of " + module + " -->";
    assertThat(document).contains(begin, end);
    String documented =
        document.substring(document.indexOf(begin) + begin.length(), document.indexOf(end));
    assertThat(documented.strip())
        .as(
            "docs/architecture.md's table map of %s; the code's is in target/architecture-%s.md",
            module, module)
        .isEqualTo(rendered.strip());
  }
}
