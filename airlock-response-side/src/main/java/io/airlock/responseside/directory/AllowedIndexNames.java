package io.airlock.responseside.directory;

import io.airlock.responseside.search.AllowedIndices;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The global allow-list, or without one every index some profile type allows: what a request may
 * name at most.
 */
@Component
class AllowedIndexNames implements AllowedIndices {

  private final IndexAllowList allowList;
  private final Directory directory;

  AllowedIndexNames(IndexAllowList allowList, Directory directory) {
    this.allowList = allowList;
    this.directory = directory;
  }

  @Override
  public Set<String> names() {
    return allowList
        .indices()
        .orElseGet(
            () ->
                directory.profileTypes().stream()
                    .flatMap(type -> type.allowedIndices().stream())
                    .collect(Collectors.toUnmodifiableSet()));
  }
}
