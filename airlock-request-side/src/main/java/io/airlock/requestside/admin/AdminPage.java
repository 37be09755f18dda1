package io.airlock.requestside.admin;

import io.airlock.requestside.requests.Paging;
import java.util.List;

/** One page of an admin listing, in the shape of the other listings of this API. */
record AdminPage<T>(List<T> items, int page, int size, long total) {

  static <T> AdminPage<T> of(List<T> items, Paging paging, long total) {
    return new AdminPage<>(items, paging.page(), paging.size(), total);
  }
}
