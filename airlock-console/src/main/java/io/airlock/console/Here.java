package io.airlock.console;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The page's own address, to link to it again with a parameter changed: a pager that keeps every
 * filter, a sort that keeps the page's search, an export of what the page lists. In the model of
 * every console page as {@code console.here()}.
 *
 * @param query as the request had it, still encoded; null when there was none
 */
public record Here(String path, String query) {

  static Here of(HttpServletRequest request) {
    return new Here(request.getRequestURI(), request.getQueryString());
  }

  /** This page with {@code name} set to {@code value} (removed when null), the others kept. */
  public String with(String name, Object value) {
    UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path).query(query);
    if (value == null) {
      uri.replaceQueryParam(name);
    } else {
      uri.replaceQueryParam(name, value);
    }
    return uri.build().toUriString();
  }

  /** This page at page {@code page}, the first being 0. */
  public String page(int page) {
    return with("page", page == 0 ? null : page);
  }

  /** This page's parameters but its page number, at {@code other}: an export of what it lists. */
  public String at(String other) {
    return new Here(other, query).with("page", null);
  }
}
