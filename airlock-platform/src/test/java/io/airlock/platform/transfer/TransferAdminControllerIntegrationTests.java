package io.airlock.platform.transfer;

import io.airlock.platform.testapp.PlatformIntegrationTest;
import io.airlock.transfer.Channel;
import io.airlock.transfer.Compression;
import io.airlock.transfer.records.SettingRecord;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

@PlatformIntegrationTest
class TransferAdminControllerIntegrationTests {

  @LocalServerPort int port;
  @Autowired OutboundBatches outbound;
  RestTestClient client;

  @BeforeEach
  void connect() {
    client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
  }

  @Test
  void resendsARangeAndSaysWhatIsNotThere() throws IOException {
    long sequence =
        outbound
            .send(
                Channel.DIRECTORY,
                List.of(new SettingRecord("a", "b", 1)),
                Compression.NONE,
                ManifestExtras.NONE,
                s -> {})
            .manifest()
            .sequence();

    client
        .post()
        .uri("/admin/transfer/channels/directory/resend")
        .contentType(MediaType.APPLICATION_JSON)
        .body("{\"from\":%d,\"to\":%d}".formatted(sequence, sequence + 1))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.channel")
        .isEqualTo("directory")
        .jsonPath("$.resent")
        .isEqualTo(List.of((int) sequence))
        .jsonPath("$.unknown")
        .isEqualTo(List.of((int) sequence + 1));
  }

  @Test
  void refusesAnUnknownChannelOrABackwardRangeAsProblems() {
    client
        .post()
        .uri("/admin/transfer/channels/gossip/resend")
        .contentType(MediaType.APPLICATION_JSON)
        .body("{\"from\":1}")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("channel");
    client
        .post()
        .uri("/admin/transfer/channels/results/resend")
        .contentType(MediaType.APPLICATION_JSON)
        .body("{\"from\":5,\"to\":2}")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("to");
    client
        .post()
        .uri("/admin/transfer/channels/results/resend")
        .contentType(MediaType.APPLICATION_JSON)
        .body("{\"from\":0}")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("from");
  }
}
