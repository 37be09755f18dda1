package io.airlock.requestside.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.airlock.requestside.users.DirectoryListing;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * What an operator needs to know of this side's settings: the profile types and settings the
 * response side sent (read-only here, with their versions), and this side's effective {@code
 * airlock.*} configuration, defaults included, with every value that may be a secret masked.
 */
@Component
class AdminSettings {

  /** Configuration not shown at all: the embedded database's, which is no operator's setting. */
  static final Set<String> HIDDEN_PREFIXES = Set.of("airlock.database.embedded");

  /**
   * @param configuration each property's effective value by its full name, sorted
   */
  record Settings(
      @JsonProperty("profile_types") List<DirectoryListing.ProfileType> profileTypes,
      List<DirectoryListing.Setting> settings,
      Map<String, String> configuration) {}

  private final DirectoryListing directory;
  private final ConfigurationPropertiesReportEndpoint report;

  AdminSettings(DirectoryListing directory, ApplicationContext context) {
    this.directory = directory;
    // Values shown (the report hides them all by default), but for those that look like
    // credentials, private keys, or URLs (which may carry a password).
    this.report =
        new ConfigurationPropertiesReportEndpoint(
            List.of(
                SanitizingFunction.sanitizeValue()
                    .ifLikelyCredential()
                    .ifKeyContains("private", "url", "uri")),
            Show.ALWAYS);
    this.report.setApplicationContext(context);
  }

  Settings now() {
    return new Settings(directory.profileTypes(), directory.settings(), configuration());
  }

  private Map<String, String> configuration() {
    Map<String, String> flat = new TreeMap<>();
    report
        .configurationPropertiesWithPrefix("airlock")
        .getContexts()
        .values()
        .forEach(
            context ->
                context
                    .getBeans()
                    .values()
                    .forEach(
                        bean -> {
                          if (!HIDDEN_PREFIXES.contains(bean.getPrefix())) {
                            flatten(bean.getPrefix(), bean.getProperties(), flat);
                          }
                        }));
    return flat;
  }

  /** A property's name as it is configured: {@code warnAt} is {@code warn-at}. */
  static String kebab(String name) {
    return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  private static void flatten(String path, Object value, Map<String, String> into) {
    if (value instanceof Map<?, ?> map) {
      map.forEach((key, nested) -> flatten(path + "." + kebab(String.valueOf(key)), nested, into));
    } else if (value instanceof List<?> list) {
      List<String> items = new ArrayList<>();
      list.forEach(item -> items.add(String.valueOf(item)));
      into.put(path, String.join(", ", items));
    } else {
      into.put(path, String.valueOf(value));
    }
  }
}
