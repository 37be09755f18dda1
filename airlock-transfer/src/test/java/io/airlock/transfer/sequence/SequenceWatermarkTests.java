package io.airlock.transfer.sequence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airlock.transfer.Channel;
import io.airlock.transfer.TransferFixtures;
import io.airlock.transfer.manifest.ChannelAck;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SequenceWatermarkTests {

  @Test
  void advancesTheContiguousMarkWhenGapsFill() {
    SequenceWatermark watermark = SequenceWatermark.empty();

    watermark.markApplied(1);
    watermark.markApplied(3);
    watermark.markApplied(5);

    assertThat(watermark.contiguous()).isEqualTo(1);
    assertThat(watermark.above()).containsExactly(3L, 5L);
    assertThat(watermark.missing(0, 100)).containsExactly(2L, 4L);
    watermark.markApplied(2);
    assertThat(watermark.contiguous()).isEqualTo(3);
    assertThat(watermark.missing(7, 100)).containsExactly(4L, 6L, 7L);
  }

  @Test
  void reportsASequenceAppliedTwiceAsAlreadyApplied() {
    SequenceWatermark watermark = SequenceWatermark.of(10, List.of(12L));

    assertThat(watermark.markApplied(9)).isFalse();
    assertThat(watermark.markApplied(12)).isFalse();
    assertThat(watermark.markApplied(11)).isTrue();
    assertThat(watermark.contiguous()).isEqualTo(12);
  }

  @Test
  void convergesToTheSameStateWhateverTheArrivalOrder() {
    List<Long> sequences = new ArrayList<>();
    for (long s = 1; s <= 200; s++) {
      sequences.add(s);
      if (s % 7 == 0) {
        sequences.add(s); // duplicates
      }
    }
    Random random = new Random(42);
    for (int run = 0; run < 50; run++) {
      Collections.shuffle(sequences, random);
      SequenceWatermark watermark = SequenceWatermark.empty();
      int fresh = 0;
      for (long s : sequences) {
        fresh += watermark.markApplied(s) ? 1 : 0;
      }
      assertThat(fresh).isEqualTo(200);
      assertThat(watermark.contiguous()).isEqualTo(200);
      assertThat(watermark.above()).isEmpty();
    }
  }

  @Test
  void survivesARoundTripThroughStorage() {
    SequenceWatermark watermark = SequenceWatermark.of(4, List.of(2L, 6L, 9L));

    SequenceWatermark restored = SequenceWatermark.of(watermark.contiguous(), watermark.above());

    assertThat(restored.contiguous()).isEqualTo(4);
    assertThat(restored.above()).containsExactly(6L, 9L);
    assertThat(restored.highest()).isEqualTo(9);
  }

  @Test
  void buildsTheAckBlockWithItsMissingList() {
    SequenceWatermark watermark = SequenceWatermark.of(3, List.of(5L, 8L));

    ChannelAck ack = watermark.ack(Channel.REQUESTS, TransferFixtures.REQUEST_SIDE, 0, 2);

    assertThat(ack.contiguous()).isEqualTo(3);
    assertThat(ack.missing()).containsExactly(4L, 6L);
  }

  @Test
  void asksForWhatTheSenderAnnouncedButNeverArrived() {
    SequenceWatermark watermark = SequenceWatermark.of(3, List.of(5L));

    ChannelAck ack = watermark.ack(Channel.REQUESTS, TransferFixtures.REQUEST_SIDE, 7, 100);

    assertThat(ack.missing()).as("4 is a gap; 6 and 7 were announced").containsExactly(4L, 6L, 7L);
  }

  @Test
  void classifiesFreshDuplicateAndConflictingBatches() {
    SequenceWatermark watermark = SequenceWatermark.of(5, List.of());

    assertThat(SequenceCheck.classify(watermark, 6, "aa", null))
        .isInstanceOf(SequenceCheck.Fresh.class);
    assertThat(SequenceCheck.classify(watermark, 5, "aa", "aa"))
        .isInstanceOf(SequenceCheck.Duplicate.class);
    assertThat(SequenceCheck.classify(watermark, 5, "aa", null))
        .as("ledger pruned: the watermark still says applied")
        .isInstanceOf(SequenceCheck.Duplicate.class);
    assertThat(SequenceCheck.classify(watermark, 5, "bb", "aa"))
        .isEqualTo(new SequenceCheck.Conflict("aa"));
  }

  @Test
  void mergesAcksByMaximumAndTakesMissingFromTheNewer() {
    ChannelAck older =
        new ChannelAck(Channel.RESULTS, TransferFixtures.RESPONSE_SIDE, 10, List.of(12L));
    ChannelAck newer =
        new ChannelAck(Channel.RESULTS, TransferFixtures.RESPONSE_SIDE, 8, List.of(9L, 11L, 13L));

    ChannelAck merged = older.mergeNewer(newer);

    assertThat(merged.contiguous()).isEqualTo(10);
    assertThat(merged.missing()).containsExactly(11L, 13L);
    assertThat(merged.acknowledges(10)).isTrue();
    assertThat(merged.acknowledges(11)).isFalse();
    assertThatThrownBy(
            () ->
                older.mergeNewer(
                    new ChannelAck(Channel.RESULTS, TransferFixtures.REQUEST_SIDE, 1, List.of())))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
