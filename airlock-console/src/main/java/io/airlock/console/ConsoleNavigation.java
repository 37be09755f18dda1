package io.airlock.console;

import java.util.List;

/**
 * The console's menu, which each side provides as a bean: its pages in order, some for admins only.
 *
 * @param sideKey the message key of the side's name, shown beside the product's
 */
public record ConsoleNavigation(String sideKey, List<Item> items) {

  /**
   * One menu entry.
   *
   * @param messageKey its label's message key
   * @param path where it leads, under {@code /console}
   * @param adminOnly shown to admins only (the security rules refuse the others anyway)
   */
  public record Item(String messageKey, String path, boolean adminOnly) {}

  /** The entries {@code admin} (or not) may open. */
  public List<Item> visibleTo(boolean admin) {
    return items.stream().filter(item -> admin || !item.adminOnly()).toList();
  }
}
