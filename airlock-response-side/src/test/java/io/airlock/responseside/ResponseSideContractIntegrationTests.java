package io.airlock.responseside;

import io.airlock.platform.testing.SideContract;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

@AdminApiIntegrationTest
class ResponseSideContractIntegrationTests extends SideContract {

  @Override
  protected String side() {
    return "response";
  }

  @Override
  protected String apiTitle() {
    return ApiDocumentation.TITLE;
  }

  @Override
  protected String adminAuthorization() {
    return basic(AdminApi.ADMIN, AdminApi.ADMIN_PASSWORD);
  }

  @Override
  protected String scrapeAuthorization() {
    return basic(
        ResponseSideIntegrationTest.SCRAPE_USERNAME, ResponseSideIntegrationTest.SCRAPE_PASSWORD);
  }

  private static String basic(String username, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
