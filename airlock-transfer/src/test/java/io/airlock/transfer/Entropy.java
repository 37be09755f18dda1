package io.airlock.transfer;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.util.Random;

/**
 * Where generated test data comes from: a seeded {@link Random} for the randomized JUnit tests, or
 * Jazzer's {@link FuzzedDataProvider} for the fuzz tests, so both share one generator.
 */
public interface Entropy {

  /** A value in {@code [0, bound)}. */
  int nextInt(int bound);

  long nextLong();

  boolean nextBoolean();

  /** A string of at most {@code maxLength} characters, any Unicode. */
  String nextString(int maxLength);

  static Entropy of(Random random) {
    return new Entropy() {
      @Override
      public int nextInt(int bound) {
        return random.nextInt(bound);
      }

      @Override
      public long nextLong() {
        return random.nextLong();
      }

      @Override
      public boolean nextBoolean() {
        return random.nextBoolean();
      }

      @Override
      public String nextString(int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
          int codePoint =
              switch (random.nextInt(4)) {
                case 0 -> random.nextInt(0x20); // control characters must be escaped
                case 1 -> 0x20 + random.nextInt(0x5f);
                case 2 -> 0xa0 + random.nextInt(0x2000);
                default -> 0x1f600 + random.nextInt(0x50); // outside the BMP
              };
          text.appendCodePoint(codePoint);
        }
        return text.toString();
      }
    };
  }

  static Entropy of(FuzzedDataProvider data) {
    return new Entropy() {
      @Override
      public int nextInt(int bound) {
        return data.consumeInt(0, bound - 1);
      }

      @Override
      public long nextLong() {
        return data.consumeLong();
      }

      @Override
      public boolean nextBoolean() {
        return data.consumeBoolean();
      }

      @Override
      public String nextString(int maxLength) {
        return data.consumeString(maxLength);
      }
    };
  }
}
