package io.airlock.standalone.configuration;

import io.airlock.standalone.configuration.ConfigurationMetadata.Property;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * The Airlock settings a deployment file sets: {@code AIRLOCK_*} environment variables and {@code
 * --airlock.*} arguments, in a compose file, a systemd unit or an EnvironmentFile; and whether the
 * configuration metadata knows each one under Spring Boot's relaxed binding.
 */
final class DeploymentSettings {

  /**
   * @param source the file (and service) that sets it
   * @param name as written: {@code AIRLOCK_TRANSFER_INBOX} or {@code airlock.transfer.inbox}
   */
  record Setting(String source, String name) {}

  private DeploymentSettings() {}

  static List<Setting> fromCompose(String source, String yaml) {
    List<Setting> settings = new ArrayList<>();
    Map<?, ?> compose = new Yaml().load(yaml);
    Map<?, ?> services = (Map<?, ?>) compose.get("services");
    services.forEach(
        (service, definition) -> {
          String where = source + " " + service;
          Map<?, ?> fields = (Map<?, ?>) definition;
          Object environment = fields.get("environment");
          if (environment instanceof Map<?, ?> variables) {
            variables.keySet().forEach(name -> addVariable(settings, where, name.toString()));
          } else if (environment instanceof List<?> variables) {
            variables.forEach(line -> addVariable(settings, where, before(line.toString(), '=')));
          }
          for (String field : List.of("command", "entrypoint")) {
            Object words = fields.get(field);
            if (words instanceof List<?> list) {
              list.forEach(word -> addArgument(settings, where, word.toString()));
            } else if (words != null) {
              addArguments(settings, where, words.toString());
            }
          }
        });
    return settings;
  }

  /** A systemd unit's {@code Environment=} and {@code ExecStart=}, or an EnvironmentFile. */
  static List<Setting> fromSystemd(String source, String text) {
    List<Setting> settings = new ArrayList<>();
    for (String line : text.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
        continue;
      }
      if (trimmed.startsWith("ExecStart=")) {
        addArguments(settings, source, trimmed.substring("ExecStart=".length()));
      } else if (trimmed.startsWith("Environment=")) {
        for (String assignment : trimmed.substring("Environment=".length()).split("\\s+")) {
          addVariable(settings, source, before(assignment.replace("\"", ""), '='));
        }
      } else if (!trimmed.startsWith("[") && trimmed.contains("=")) {
        // EnvironmentFile lines are KEY=value; unit directives are never AIRLOCK_*.
        addVariable(settings, source, before(trimmed, '='));
      }
    }
    return settings;
  }

  static List<Setting> unknown(List<Setting> settings, ConfigurationMetadata metadata) {
    return settings.stream().filter(setting -> !isKnown(setting.name(), metadata)).toList();
  }

  static boolean isKnown(String name, ConfigurationMetadata metadata) {
    boolean variable = !name.contains(".");
    String written = variable ? variableForm(name) : uniformForm(name);
    for (Property property : metadata.properties()) {
      List<String> forms =
          variable
              ? List.of(
                  variableForm(property.name().replace("-", "")),
                  variableForm(property.name().replace('-', '_')))
              : List.of(uniformForm(property.name()));
      for (String form : forms) {
        String separator = variable ? "_" : ".";
        if (written.equals(form) || property.isMap() && written.startsWith(form + separator)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Upper case, dots to underscores, and without list indices ({@code _0}, {@code _0_}). */
  private static String variableForm(String name) {
    return name.toUpperCase(Locale.ROOT).replace('.', '_').replaceAll("(_[0-9]+)+_?$", "");
  }

  /** Lower case, without dashes, underscores and list indices ({@code [0]}, {@code .0}). */
  private static String uniformForm(String name) {
    return name.toLowerCase(Locale.ROOT)
        .replaceAll("\\[[^]]*]", "")
        .replaceAll("\\.[0-9]+(?=\\.|$)", "")
        .replace("-", "")
        .replace("_", "");
  }

  private static void addVariable(List<Setting> settings, String source, String name) {
    if (name.strip().toUpperCase(Locale.ROOT).startsWith("AIRLOCK_")) {
      settings.add(new Setting(source, name.strip()));
    }
  }

  private static void addArguments(List<Setting> settings, String source, String line) {
    for (String word : line.split("\\s+")) {
      addArgument(settings, source, word);
    }
  }

  private static void addArgument(List<Setting> settings, String source, String word) {
    String stripped = word.strip().replace("\"", "").replace("'", "");
    if (stripped.toLowerCase(Locale.ROOT).startsWith("--airlock.")) {
      settings.add(new Setting(source, before(stripped.substring(2), '=')));
    }
  }

  private static String before(String text, char separator) {
    int at = text.indexOf(separator);
    return at < 0 ? text : text.substring(0, at);
  }
}
