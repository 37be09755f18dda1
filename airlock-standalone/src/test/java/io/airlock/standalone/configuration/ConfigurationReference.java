package io.airlock.standalone.configuration;

import io.airlock.standalone.configuration.ConfigurationMetadata.Property;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders {@code docs/configuration.md} from the configuration metadata, so the reference cannot
 * drift from the records that define the properties.
 */
final class ConfigurationReference {

  static final String FILE = "docs/configuration.md";
  static final String REGENERATE =
      "mvn -o -pl airlock-standalone test -Dtest=ConfigurationReferenceTests"
          + " -Dairlock.docs.configuration=write";

  /** Headings for the packages under {@code io.airlock}, in the order the reference lists them. */
  private static final Map<String, String> MODULES = new LinkedHashMap<>();

  static {
    MODULES.put("platform", "Both sides (airlock-platform)");
    MODULES.put("requestside", "Request side (airlock-request-side)");
    MODULES.put("responseside", "Response side (airlock-response-side)");
    MODULES.put("console", "Console, both sides (airlock-console)");
    MODULES.put("standalone", "Standalone demo (airlock-standalone)");
  }

  private ConfigurationReference() {}

  static String render(ConfigurationMetadata metadata) {
    StringBuilder out = new StringBuilder();
    out.append("# Configuration reference\n\n")
        .append("<!-- Generated from the configuration metadata of every module; do not edit.\n")
        .append("     Regenerate: ")
        .append(REGENERATE)
        .append(" -->\n\n")
        .append("Airlock's own settings, generated from the `@ConfigurationProperties` records")
        .append(" and their javadoc.\n")
        .append("Set each as a property (`application.yml`, `--airlock.x=y` argument) or as an")
        .append(" environment variable:\n")
        .append("upper case, dots to underscores, dashes dropped")
        .append(" (`airlock.transfer.link.one-way` is `AIRLOCK_TRANSFER_LINK_ONEWAY`,")
        .append(" list element 0 of\n")
        .append("`airlock.transfer.signatures.trusted-keys` is")
        .append(" `AIRLOCK_TRANSFER_SIGNATURES_TRUSTEDKEYS_0`).\n")
        .append("Durations take a unit (`500ms`, `5m`, `7d`), sizes one of `KB`, `MB`, `GB`.\n")
        .append("Spring Boot's own settings (`spring.datasource.*`, `server.*`, `management.*`)")
        .append(" are in Spring Boot's reference.\n");
    Map<String, List<Property>> byModule = metadata.byModule();
    for (String module : MODULES.keySet()) {
      if (byModule.containsKey(module)) {
        section(out, MODULES.get(module), byModule.get(module));
      }
    }
    byModule.forEach(
        (module, properties) -> {
          if (!MODULES.containsKey(module)) {
            section(out, module, properties);
          }
        });
    return out.toString();
  }

  private static void section(StringBuilder out, String heading, List<Property> properties) {
    out.append("\n## ").append(heading).append("\n\n");
    out.append("| Property | Type | Default | Description |\n");
    out.append("|---|---|---|---|\n");
    for (Property property : properties) {
      out.append("| `")
          .append(property.name())
          .append("` | `")
          .append(cell(property.type()))
          .append("` | ")
          .append(
              property.defaultValue().isEmpty() ? "" : "`" + cell(property.defaultValue()) + "`")
          .append(" | ")
          .append(cell(markdown(property.description())))
          .append(" |\n");
    }
  }

  /** {@code {@code x}} and {@code {@link Type#MEMBER}} become code spans. */
  private static String markdown(String javadoc) {
    Matcher tag =
        Pattern.compile("\\{@(?:code|link|linkplain|literal|value) #?([^}]*)}").matcher(javadoc);
    StringBuilder out = new StringBuilder();
    while (tag.find()) {
      tag.appendReplacement(
          out, Matcher.quoteReplacement("`" + tag.group(1).replace('#', '.') + "`"));
    }
    return tag.appendTail(out).toString();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }

  /** The checkout's root: the surefire working directory is the module's folder. */
  static Path projectRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("docs"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "not inside the Airlock checkout: " + Path.of("").toAbsolutePath());
  }
}
