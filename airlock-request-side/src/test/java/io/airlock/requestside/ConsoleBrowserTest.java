package io.airlock.requestside;

import com.microsoft.playwright.Page;
import io.airlock.console.testing.Browser;
import io.airlock.requestside.requests.SignedInRequester;
import io.airlock.requestside.users.User;
import io.airlock.requestside.users.UserFixture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;

/**
 * A browser test of the console: Debian's Chromium (one per class) against the real request side, a
 * fresh user signed in through the API for the test, and a fresh browser context per test.
 */
public abstract class ConsoleBrowserTest extends SignedInRequester {

  protected static Browser browser;
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

  protected void signIn(User who) {
    page.navigate("/console/login");
    page.locator("#username").fill(who.username());
    page.locator("#password").fill(UserFixture.PASSWORD);
    page.locator("main button[type=submit]").click();
    page.waitForURL(Pattern.compile(".*/console/(?!login).*"));
  }
}
