package io.airlock.standalone.configuration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Airlock's own properties ({@code airlock.*}), as {@code spring-boot-configuration-processor}
 * described them in the {@code META-INF/spring-configuration-metadata.json} of every module on the
 * class path. This test module sees every side, so its class path holds them all.
 */
record ConfigurationMetadata(List<Property> properties) {

  static final String RESOURCE = "META-INF/spring-configuration-metadata.json";

  /**
   * @param name the canonical (kebab-case) name
   * @param type the Java type, without package names
   * @param defaultValue as the processor found it; empty when none
   * @param description from the javadoc; empty when none
   * @param sourceType the class that declares it
   */
  record Property(
      String name, String type, String defaultValue, String description, String sourceType) {

    /** The module group it belongs to, from the package of the class that declares it. */
    String module() {
      String[] packages = sourceType.split("\\.");
      return packages.length > 2 && packages[0].equals("io") && packages[1].equals("airlock")
          ? packages[2]
          : sourceType;
    }

    boolean isMap() {
      return type.startsWith("Map<");
    }
  }

  static ConfigurationMetadata fromClassPath() {
    Map<String, Property> byName = new TreeMap<>();
    ObjectMapper json = new ObjectMapper();
    try {
      for (URL url :
          Collections.list(ConfigurationMetadata.class.getClassLoader().getResources(RESOURCE))) {
        try (InputStream in = url.openStream()) {
          for (JsonNode property : json.readTree(in).path("properties").values()) {
            String name = property.path("name").asString("");
            if (name.startsWith("airlock.")) {
              // By name and declaring type: both sides may define a property of the same name
              // (airlock.retention.audit), each documented in its own module's table.
              byName.putIfAbsent(
                  name + " " + property.path("sourceType").asString(""), property(name, property));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ConfigurationMetadata(List.copyOf(byName.values()));
  }

  private static Property property(String name, JsonNode node) {
    JsonNode defaultValue = node.path("defaultValue");
    String value;
    if (defaultValue.isMissingNode() || defaultValue.isNull()) {
      value = "";
    } else if (defaultValue.isArray()) {
      List<String> elements = new ArrayList<>();
      defaultValue.values().forEach(element -> elements.add(element.asString()));
      value = String.join(",", elements);
    } else {
      value = defaultValue.asString();
    }
    return new Property(
        name,
        withoutPackages(node.path("type").asString("")),
        value,
        node.path("description").asString("").strip().replaceAll("\\s+", " "),
        node.path("sourceType").asString(""));
  }

  /** {@code java.util.List<java.nio.file.Path>} becomes {@code List<Path>}. */
  private static String withoutPackages(String type) {
    return type.replaceAll("\\b[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*\\.(?=[A-Z])", "")
        .replace('$', '.');
  }

  Map<String, List<Property>> byModule() {
    return properties.stream()
        .sorted(Comparator.comparing(Property::name))
        .collect(Collectors.groupingBy(Property::module, TreeMap::new, Collectors.toList()));
  }
}
