package io.airlock.responseside.monitoring;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import io.airlock.console.testing.Browser;
import io.airlock.responseside.AdminApi;
import io.airlock.responseside.AdminApiIntegrationTest;
import io.airlock.responseside.ConsoleBrowserTest;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The system log in the operators' console: filters, details, and the CSV of what is shown. */
@AdminApiIntegrationTest
class SystemLogPagesBrowserTests extends ConsoleBrowserTest {

  @Autowired SystemLog log;

  @Test
  void filtersShowsAnEntrysFieldsAndExportsWhatIsFiltered() throws IOException {
    String component = AdminApi.uniqueUsername("component");
    log.record(SystemLog.Level.INFO, component, "All is well", Map.of());
    log.record(SystemLog.Level.WARN, component, "Disk filling", Map.of("percent", 85));
    signIn();

    page.getByText("System log").first().click();
    page.locator("select[name=component]").selectOption(component);
    page.locator("input[name=level][value=WARN]").check();
    page.locator("form[role=search] button").click();
    assertThat(page.locator("#log tbody tr")).hasCount(1);
    Browser.assertAccessible(page);

    page.locator("#log tbody tr button").click();
    assertThat(page.locator("#drawer #message")).hasText("Disk filling");
    assertThat(page.locator("#drawer #details")).containsText("\"percent\" : 85");

    Download csv = page.waitForDownload(() -> page.locator("#export").click());
    List<String> lines = Files.readAllLines(csv.path());
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).contains(",WARN," + component + ",Disk filling,");
  }
}
