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
 * The classpath of a search node's JVM: its module's own classes plus the dependency list the build
 * wrote next to them. The calling JVM usually excludes those dependencies, so its own classpath
 * cannot be reused.
 */
final class NodeClasspath {

  private NodeClasspath() {}

  static String forChild(NodeKind kind) {
    List<Path> entries = new ArrayList<>();
    entries.add(ownLocation(kind));
    for (String entry : dependencies(kind).split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        entries.add(Path.of(entry.strip()));
      }
    }
    List<Path> missing = entries.stream().filter(entry -> !Files.exists(entry)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          kind.name()
              + " classpath entries are missing (rebuild "
              + kind.name()
              + " on this machine): "
              + missing);
    }
    return entries.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
  }

  static Path ownLocation(NodeKind kind) {
    CodeSource source = kind.anchor().getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      throw new IllegalStateException("cannot tell where " + kind.name() + " was loaded from");
    }
    URL location = source.getLocation();
    // A jar nested in another jar (a Spring Boot fat jar) cannot go on a java -cp line.
    if (!"file".equals(location.getProtocol())) {
      throw new IllegalStateException(
          kind.name() + " was loaded from " + location + "; it must be a plain jar or folder");
    }
    try {
      return Path.of(location.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("unusable location " + location, e);
    }
  }

  private static String dependencies(NodeKind kind) {
    try (InputStream in = kind.anchor().getResourceAsStream("/" + kind.classpathResource())) {
      if (in == null) {
        throw new IllegalStateException(
            kind.classpathResource()
                + " is not on the classpath; build "
                + kind.name()
                + " with Maven");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
