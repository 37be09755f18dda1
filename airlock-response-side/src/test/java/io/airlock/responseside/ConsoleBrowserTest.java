package io.airlock.responseside;

import com.microsoft.playwright.Page;
import io.airlock.console.testing.Browser;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A browser test of the operators' console: Debian's Chromium (one per class) against the real
 * response side, signed in as its bootstrap admin, a fresh browser context per test. Classes extend
 * it with {@link AdminApiIntegrationTest}.
 */
public abstract class ConsoleBrowserTest {

  protected static Browser browser;
  @LocalServerPort protected int port;
  protected Page page;

  @BeforeAll
  static void launch() {
    browser = Browser.launch();
  }

  @AfterAll
  static void quit() {
    browser.close();
  }

  @AfterEach
  void closePage(TestInfo test) {
    if (page != null) {
      Browser.keepAndClose(page, getClass(), test);
    }
  }

  protected String base() {
    return "http://localhost:" + port;
  }

  /** Opens a fresh page and signs in as the bootstrap admin. */
  protected void signIn() {
    page = browser.page(base());
    signIn(AdminApi.ADMIN, AdminApi.ADMIN_PASSWORD);
  }

  protected void signIn(String username, String password) {
    page.navigate("/console/login");
    page.locator("#username").fill(username);
    page.locator("#password").fill(password);
    page.locator("main button[type=submit]").click();
    page.waitForURL(Pattern.compile(".*/console(?!/login).*"));
  }
}
