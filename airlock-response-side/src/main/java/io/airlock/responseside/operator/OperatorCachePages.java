package io.airlock.responseside.operator;

import io.airlock.console.ConsolePages;
import io.airlock.platform.web.InvalidField;
import io.airlock.responseside.cache.ResultCache;
import java.io.Serializable;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The result cache for operators: its fresh entries, removing one, an index's or all, and
 * pre-caching a query. The same {@link OperatorCache} as {@code /admin/cache}.
 */
@ConsolePages
class OperatorCachePages {

  static final int PAGE_SIZE = 50;

  private final OperatorCache cache;
  private final OperatorSeries series;
  private final JsonMapper json;

  OperatorCachePages(OperatorCache cache, OperatorSeries series, JsonMapper json) {
    this.cache = cache;
    this.series = series;
    this.json = json;
  }

  /**
   * What the page says after an action: a flash attribute, kept in the session.
   *
   * @param key the message, with {@code argument} as its {0}
   */
  record Flash(String key, String argument, boolean refused) implements Serializable {}

  @GetMapping("/console/cache")
  String entries(
      @RequestParam(required = false) String index,
      @RequestParam(required = false) String sort,
      @RequestParam(defaultValue = "0") int page,
      Model model) {
    String only = index == null || index.isBlank() ? null : index.strip();
    ResultCache.Order order = OperatorCacheController.order(sort);
    int pageNumber = Math.max(0, page);
    long total = cache.count(only);
    model.addAttribute(
        "entries", cache.entries(only, order, PAGE_SIZE, (long) pageNumber * PAGE_SIZE));
    model.addAttribute("orders", ResultCache.Order.values());
    Map<String, OperatorSeries.Series> charts = series.of(List.of("cache", "cache-bytes"), "day");
    model.addAttribute(
        "hitsAndMisses", DashboardPages.line(charts.get("cache"), DashboardPages.HOUR));
    model.addAttribute(
        "bytes", DashboardPages.line(charts.get("cache-bytes"), DashboardPages.HOUR));
    model.addAttribute("page", pageNumber);
    model.addAttribute("pages", (total + PAGE_SIZE - 1) / PAGE_SIZE);
    model.addAttribute("total", total);
    return "response/cache";
  }

  @PostMapping("/console/cache/entries/{key}/remove")
  String invalidate(Principal operator, @PathVariable String key, RedirectAttributes flash) {
    boolean removed = cache.invalidate(operator.getName(), key);
    flash.addFlashAttribute(
        "flash",
        new Flash(removed ? "response.cache.removed" : "response.cache.gone", key, !removed));
    return "redirect:/console/cache";
  }

  @PostMapping("/console/cache/clear")
  String clear(
      Principal operator, @RequestParam(required = false) String index, RedirectAttributes flash) {
    String only = index == null || index.isBlank() ? null : index.strip();
    int removed = cache.clear(operator.getName(), only);
    flash.addFlashAttribute(
        "flash", new Flash("response.cache.cleared", Integer.toString(removed), false));
    return "redirect:/console/cache";
  }

  @PostMapping("/console/cache/prewarm")
  String prewarm(
      Principal operator,
      @RequestParam String index,
      @RequestParam(name = "query_type") String queryType,
      @RequestParam(name = "query_params") String queryParams,
      RedirectAttributes flash) {
    try {
      OperatorCache.Prewarmed done =
          cache.prewarm(operator.getName(), index.strip(), queryType, json.readTree(queryParams));
      flash.addFlashAttribute(
          "flash", new Flash("response.cache.prewarmed", done.cacheKey(), false));
    } catch (JacksonException notJson) {
      flash.addFlashAttribute(
          "flash", new Flash("response.cache.refused", "query_params is not JSON", true));
    } catch (InvalidField refused) {
      flash.addFlashAttribute(
          "flash", new Flash("response.cache.refused", refused.getLocalizedMessage(), true));
    } catch (OperatorCache.EngineRefused refused) {
      flash.addFlashAttribute(
          "flash", new Flash("response.cache.engine", refused.getMessage(), true));
    }
    return "redirect:/console/cache";
  }
}
