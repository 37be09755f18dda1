package io.airlock.requestside.responses;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.util.unit.DataSize;

class ResponseBodiesTests {

  @Test
  void keepsAtMostItsSizeInBytesWhateverTheCount() {
    ResponseBodies bodies =
        new ResponseBodies(
            new ResponsesProperties(DataSize.ofKilobytes(100)),
            new StaticListableBeanFactory().getBeanProvider(MeterRegistry.class));
    AtomicInteger loads = new AtomicInteger();
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      UUID id = UUID.randomUUID();
      ids.add(id);
      bodies.get(
          id,
          () -> {
            loads.incrementAndGet();
            return new byte[30 * 1024];
          });
    }

    int loadsBefore = loads.get();
    for (UUID id : ids) {
      bodies.get(
          id,
          () -> {
            loads.incrementAndGet();
            return new byte[30 * 1024];
          });
    }

    // 10 x 30 KiB cannot all stay within 100 KiB: most must be loaded again.
    assertThat(loads.get() - loadsBefore).isGreaterThanOrEqualTo(7);
    assertThat(bodies.hits()).isLessThanOrEqualTo(3);
  }

  @Test
  void answersARepeatedReadFromMemory() {
    ResponseBodies bodies =
        new ResponseBodies(
            new ResponsesProperties(DataSize.ofMegabytes(1)),
            new StaticListableBeanFactory().getBeanProvider(MeterRegistry.class));
    UUID id = UUID.randomUUID();
    AtomicInteger loads = new AtomicInteger();

    bodies.get(id, () -> new byte[loads.incrementAndGet()]);
    bodies.get(id, () -> new byte[loads.incrementAndGet()]);

    assertThat(loads.get()).isOne();
    assertThat(bodies.hits()).isOne();
  }
}
