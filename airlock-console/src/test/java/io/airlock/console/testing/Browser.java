package io.airlock.console.testing;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.ColorScheme;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.TestInfo;

/**
 * Debian's Chromium ({@code /usr/bin/chromium}, the {@code chromium} package), driven headless by
 * Playwright for Java: never a browser Playwright would download. One per test class; a context per
 * test, so cookies and storage never leak from one test into the next.
 */
public final class Browser implements AutoCloseable {

  /** Where Debian installs Chromium; {@code AIRLOCK_CHROMIUM} names another. */
  static final Path CHROMIUM =
      Path.of(System.getenv().getOrDefault("AIRLOCK_CHROMIUM", "/usr/bin/chromium"));

  private final Playwright playwright;
  private final com.microsoft.playwright.Browser chromium;

  private Browser(Playwright playwright, com.microsoft.playwright.Browser chromium) {
    this.playwright = playwright;
    this.chromium = chromium;
  }

  public static Browser launch() {
    if (!Files.isExecutable(CHROMIUM)) {
      throw new IllegalStateException(
          CHROMIUM + " is missing: install Debian's chromium package (.ci/run does)");
    }
    Playwright playwright =
        Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    try {
      return new Browser(
          playwright,
          playwright
              .chromium()
              .launch(
                  new BrowserType.LaunchOptions()
                      .setExecutablePath(CHROMIUM)
                      .setHeadless(true)
                      // This machine's network is closed: no background calls to Google's hosts.
                      .setArgs(
                          List.of(
                              "--no-sandbox",
                              "--disable-gpu",
                              "--disable-background-networking",
                              "--disable-component-update",
                              "--disable-sync",
                              "--no-first-run"))));
    } catch (RuntimeException e) {
      playwright.close();
      throw e;
    }
  }

  /** Where browser tests leave screenshots of their pages, to look at (not compared). */
  public static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

  /**
   * Keeps a full-page screenshot of the page as a test left it, named after the test, then closes
   * the page's context.
   */
  public static void keepAndClose(Page page, Class<?> testClass, TestInfo test) {
    page.screenshot(
        new Page.ScreenshotOptions()
            .setFullPage(true)
            .setPath(
                SCREENSHOTS.resolve(
                    testClass.getSimpleName()
                        + "-"
                        + test.getTestMethod().map(Method::getName).orElse("page")
                        + ".png")));
    page.context().close();
  }

  /** A fresh context (no cookies) in English and the light scheme, its pages on {@code baseUrl}. */
  public Page page(String baseUrl) {
    return page(baseUrl, "en-US", ColorScheme.LIGHT);
  }

  /** A fresh context with the browser's language and colour scheme preference. */
  public Page page(String baseUrl, String locale, ColorScheme scheme) {
    BrowserContext context =
        chromium.newContext(
            new com.microsoft.playwright.Browser.NewContextOptions()
                .setBaseURL(baseUrl)
                .setLocale(locale)
                .setColorScheme(scheme)
                .setTimezoneId("Asia/Tehran"));
    context.setDefaultTimeout(15_000);
    return context.newPage();
  }

  /**
   * Fails unless axe-core finds no serious or critical accessibility violation on the page as it is
   * now.
   */
  public static void assertAccessible(Page page) {
    List<Rule> violations =
        new AxeBuilder(page)
            .analyze().getViolations().stream()
                .filter(
                    rule ->
                        "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                .toList();
    if (!violations.isEmpty()) {
      throw new AssertionError(
          "Accessibility violations on "
              + page.url()
              + ":\n"
              + violations.stream()
                  .map(
                      rule ->
                          "  "
                              + rule.getImpact()
                              + " "
                              + rule.getId()
                              + ": "
                              + rule.getHelp()
                              + " ("
                              + rule.getNodes().size()
                              + " elements, e.g. "
                              + rule.getNodes().get(0).getHtml()
                              + ")")
                  .collect(Collectors.joining("\n")));
    }
  }

  @Override
  public void close() {
    try {
      chromium.close();
    } finally {
      playwright.close();
    }
  }
}
