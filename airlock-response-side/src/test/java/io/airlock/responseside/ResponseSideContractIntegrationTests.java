package io.airlock.responseside;

import io.airlock.platform.testing.SideContract;

@ResponseSideIntegrationTest
class ResponseSideContractIntegrationTests extends SideContract {

  @Override
  protected String side() {
    return "response";
  }

  @Override
  protected String apiTitle() {
    return ApiDocumentation.TITLE;
  }
}
