package io.airlock.requestside;

import io.airlock.platform.testing.SideContract;

@RequestSideIntegrationTest
class RequestSideContractIntegrationTests extends SideContract {

  @Override
  protected String side() {
    return "request";
  }

  @Override
  protected String apiTitle() {
    return ApiDocumentation.TITLE;
  }
}
