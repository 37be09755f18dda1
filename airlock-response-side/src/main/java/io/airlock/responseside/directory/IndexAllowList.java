package io.airlock.responseside.directory;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The response side's own list of indices any request may name (DESIGN §3), on top of each profile
 * type's list. Kept as the setting {@value #KEY}: index names separated by commas, set through the
 * settings API like any other setting, so it takes effect at once without a restart and travels to
 * the request side with the directory. When the setting is absent the profile types' lists alone
 * decide; when it is present an index must be in both, and an empty value allows none.
 */
@Component
public class IndexAllowList {

  public static final String KEY = "search.allowed-indices";

  private final Settings settings;

  IndexAllowList(Settings settings) {
    this.settings = settings;
  }

  /** Whether the list allows {@code index}; true when there is no list. */
  public boolean allows(String index) {
    return allows(indices(), index);
  }

  /** Whether {@code indices} (as {@link #indices()} reads them) allow {@code index}. */
  public static boolean allows(Optional<Set<String>> indices, String index) {
    return indices.isEmpty() || indices.get().contains(index);
  }

  /** The indices the list names, or empty when there is no list. */
  public Optional<Set<String>> indices() {
    return settings
        .value(KEY)
        .map(
            value ->
                Arrays.stream(value.split(","))
                    .map(String::strip)
                    .filter(name -> !name.isEmpty())
                    .collect(Collectors.toUnmodifiableSet()));
  }
}
