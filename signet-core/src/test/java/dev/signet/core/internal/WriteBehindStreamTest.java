package dev.signet.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class WriteBehindStreamTest {

  @Property(tries = 30)
  void afterCloseTheSinkHasSeenEveryByteInOrder(@ForAll @IntRange(max = 3_000_000) int size,
      @ForAll @IntRange(min = 1, max = 300_000) int step) throws IOException {
    byte[] data = new byte[size];
    new Random(size).nextBytes(data);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (WriteBehindStream stream = new WriteBehindStream(sink)) {
      for (int off = 0; off < size; off += step) {
        stream.write(data, off, Math.min(step, size - off));
      }
    }
    assertThat(sink.toByteArray()).isEqualTo(data);
  }
}
