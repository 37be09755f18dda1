package io.airlock.requestside.notifications;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Whether a webhook may be called: an absolute http or https URL under one of the administrator's
 * allowed URLs. "Under" is judged on the parsed URL, not on its text, so that {@code
 * https://hooks.example.org.evil.net/} or {@code https://hooks.example.org@evil.net/} never pass
 * for {@code https://hooks.example.org/}: the same scheme, host and port, and a path that is the
 * allowed one or below it.
 */
final class WebhookUrls {

  static final int MAX_LENGTH = 2_000;

  private WebhookUrls() {}

  /** Why {@code url} may not be called; empty if it may. */
  static Optional<String> refusal(String url, List<URI> allowed) {
    if (allowed.isEmpty()) {
      return Optional.of("is refused: the administrator allows no webhook on this side");
    }
    if (url.length() > MAX_LENGTH) {
      return Optional.of("must be at most " + MAX_LENGTH + " characters");
    }
    URI uri;
    try {
      uri = new URI(url).normalize();
    } catch (URISyntaxException e) {
      return Optional.of("is not a valid URL");
    }
    if (!uri.isAbsolute()
        || !isHttp(uri.getScheme())
        || uri.getHost() == null
        || uri.getRawUserInfo() != null
        || uri.getRawFragment() != null
        || path(uri).contains("/../")
        || path(uri).endsWith("/..")) {
      return Optional.of("must be an http or https URL with a host, and no user or fragment");
    }
    if (allowed.stream().noneMatch(prefix -> under(uri, prefix))) {
      return Optional.of(
          "is not under a URL the administrator allows ("
              + allowed.stream().map(URI::toString).collect(Collectors.joining(", "))
              + ")");
    }
    return Optional.empty();
  }

  private static boolean under(URI uri, URI prefix) {
    if (!uri.getScheme().equalsIgnoreCase(prefix.getScheme())
        || !uri.getHost().equalsIgnoreCase(prefix.getHost())
        || port(uri) != port(prefix)) {
      return false;
    }
    String path = path(uri);
    String allowedPath = path(prefix);
    return path.equals(allowedPath)
        || (path.startsWith(allowedPath)
            && (allowedPath.endsWith("/") || path.charAt(allowedPath.length()) == '/'));
  }

  private static boolean isHttp(String scheme) {
    String lower = scheme.toLowerCase(Locale.ROOT);
    return lower.equals("http") || lower.equals("https");
  }

  private static int port(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
  }

  private static String path(URI uri) {
    String path = uri.getRawPath();
    return path == null || path.isEmpty() ? "/" : path;
  }
}
