package io.airlock.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which feature package of a module reads and writes which table, found in the SQL of its source:
 * every string literal and text block of {@code src/main/java} (literals joined by {@code +} read
 * as one), and the table of every {@code CopyIn.into("table", ...)} as a write. Each module's
 * {@code TableOwnershipTests} gives every table its owner and checks that only the owner writes it
 * (docs/architecture.md).
 *
 * <p>Blind spots, by design: SQL a library writes (ShedLock's {@code shedlock}), SQL whose table
 * name is a variable, and the Flyway migrations, which hold every owner's schema (and the
 * operator's {@code new_sender_epoch()}), the SQL functions it defines included.
 */
public final class TableMap {

  private static final Pattern WRITE =
      Pattern.compile(
          "\\b(insert\\s+into|update|delete\\s+from|merge\\s+into)\\s+([a-z_][a-z0-9_]*)");
  private static final Pattern COPY_IN =
      Pattern.compile("\\bCopyIn\\s*\\.\\s*into\\(\\s*\"([a-z_][a-z0-9_]*)\"");
  private static final Pattern READ = Pattern.compile("\\b(from|join)\\s+([a-z_][a-z0-9_]*)");
  private static final Pattern CREATE_OR_DROP =
      Pattern.compile(
          "(create|drop)\\s+table\\s+(?:if\\s+(?:not\\s+)?exists\\s+)?([a-z_][a-z0-9_]*)");

  /** One statement's use of a table, from a class of a feature package. */
  public record Access(String table, String feature, String type, boolean write) {}

  private final List<Access> accesses;

  private TableMap(List<Access> accesses) {
    this.accesses = List.copyOf(accesses);
  }

  /**
   * Scans the Java sources under {@code sourceRoot} for the {@code tables} they use.
   *
   * @param basePackage the module's package, e.g. {@code io.airlock.responseside}: the feature is
   *     the package right below it ({@code results}), or the base itself for classes at its root
   */
  public static TableMap scan(Path sourceRoot, String basePackage, Set<String> tables) {
    Path base = sourceRoot.resolve(basePackage.replace('.', '/'));
    List<Access> accesses = new ArrayList<>();
    try (Stream<Path> files = Files.walk(base)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        Path relative = base.relativize(file);
        String feature = relative.getNameCount() > 1 ? relative.getName(0).toString() : "(root)";
        String type = file.getFileName().toString().replace(".java", "");
        String source = Files.readString(file);
        for (String sql : JavaStrings.of(source)) {
          accesses.addAll(accessesOf(sql.toLowerCase(Locale.ROOT), tables, feature, type));
        }
        // A COPY names its table in the Java, not in SQL of its own.
        Matcher copy = COPY_IN.matcher(source);
        while (copy.find()) {
          if (tables.contains(copy.group(1))) {
            accesses.add(new Access(copy.group(1), feature, type, true));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new TableMap(accesses);
  }

  /** The tables the migrations under {@code migrations} create and do not drop again. */
  public static Set<String> tablesCreatedIn(Path migrations) {
    Set<String> tables = new TreeSet<>();
    try (Stream<Path> files = Files.list(migrations)) {
      // In the order Flyway applies them (by name: version order as long as the migrations of one
      // day number alike, .10, .11, ...): a table a later migration drops is gone.
      for (Path file : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
        Matcher statement = CREATE_OR_DROP.matcher(Files.readString(file).toLowerCase(Locale.ROOT));
        while (statement.find()) {
          if (statement.group(1).equals("create")) {
            tables.add(statement.group(2));
          } else {
            tables.remove(statement.group(2));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return tables;
  }

  private static List<Access> accessesOf(
      String sql, Set<String> tables, String feature, String type) {
    List<Access> found = new ArrayList<>();
    Matcher write = WRITE.matcher(sql);
    while (write.find()) {
      if (tables.contains(write.group(2))) {
        found.add(new Access(write.group(2), feature, type, true));
      }
    }
    Matcher read = READ.matcher(sql);
    while (read.find()) {
      boolean deleteFrom =
          read.group(1).equals("from")
              && sql.substring(0, read.start()).matches("(?s).*\\bdelete\\s*$");
      if (!deleteFrom && tables.contains(read.group(2))) {
        found.add(new Access(read.group(2), feature, type, false));
      }
    }
    return found;
  }

  /** Every use found. */
  public List<Access> accesses() {
    return accesses;
  }

  /** Writes of a table by a feature other than its owner, one line each; empty when none. */
  public List<String> foreignWrites(Map<String, String> owners) {
    return foreign(owners, true, "writes %s, which %s owns: call its API instead");
  }

  /**
   * Reads of a table by a feature other than its owner, one line each: a feature asks the owner's
   * query methods instead, admin listings included.
   */
  public List<String> foreignReads(Map<String, String> owners) {
    return foreign(owners, false, "reads %s, which %s owns: ask its query methods instead");
  }

  private List<String> foreign(Map<String, String> owners, boolean writes, String advice) {
    return accesses.stream()
        .filter(access -> access.write() == writes)
        .filter(access -> !access.feature().equals(owners.getOrDefault(access.table(), "?")))
        .map(
            access ->
                access.feature()
                    + "."
                    + access.type()
                    + " "
                    + advice.formatted(
                        access.table(), owners.getOrDefault(access.table(), "nobody")))
        .distinct()
        .sorted()
        .toList();
  }

  /**
   * The table map as docs/architecture.md shows it: each table with its owner, the features that
   * write it and those that read it.
   */
  public String render(Map<String, String> owners) {
    StringBuilder out =
        new StringBuilder("| table | owner | written by | read by |\n|---|---|---|---|\n");
    for (Map.Entry<String, String> table : new TreeMap<>(owners).entrySet()) {
      out.append("| `")
          .append(table.getKey())
          .append("` | ")
          .append(table.getValue())
          .append(" | ")
          .append(features(table.getKey(), true))
          .append(" | ")
          .append(features(table.getKey(), false))
          .append(" |\n");
    }
    return out.toString();
  }

  private String features(String table, boolean write) {
    Set<String> features =
        accesses.stream()
            .filter(access -> access.table().equals(table) && access.write() == write)
            .map(Access::feature)
            .collect(Collectors.toCollection(TreeSet::new));
    return features.isEmpty() ? "–" : String.join(", ", features);
  }
}
