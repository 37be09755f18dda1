package io.airlock.searchnode;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The classpath of the Elasticsearch 7 node's JVM: this module's own classes plus the dependency
 * list the build wrote next to them (which holds airlock-search-node's jar, for the sample data,
 * but not OpenSearch). The calling JVM excludes Elasticsearch, so its own classpath cannot be
 * reused.
 */
final class Elasticsearch7Classpath {

  /** Written by maven-dependency-plugin:build-classpath; absolute paths into the local repo. */
  static final String RESOURCE = "META-INF/airlock/search-node-es7.classpath";

  private Elasticsearch7Classpath() {}

  static String forChild() {
    List<Path> entries = new ArrayList<>();
    entries.add(ownLocation());
    for (String entry : dependencies().split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        entries.add(Path.of(entry.strip()));
      }
    }
    List<Path> missing = entries.stream().filter(entry -> !Files.exists(entry)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "Elasticsearch 7 node classpath entries are missing (rebuild airlock-search-node-es7"
              + " on this machine): "
              + missing);
    }
    return entries.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
  }

  static Path ownLocation() {
    CodeSource source = Elasticsearch7Classpath.class.getProtectionDomain().getCodeSource();
    URL location = source == null ? null : source.getLocation();
    // A jar nested in another jar cannot go on a java -cp line.
    if (location == null || !"file".equals(location.getProtocol())) {
      throw new IllegalStateException(
          "airlock-search-node-es7 was loaded from "
              + location
              + "; it must be a plain jar or folder");
    }
    try {
      return Path.of(location.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("unusable location " + location, e);
    }
  }

  private static String dependencies() {
    try (InputStream in = Elasticsearch7Classpath.class.getResourceAsStream("/" + RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            RESOURCE + " is not on the classpath; build airlock-search-node-es7 with Maven");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
