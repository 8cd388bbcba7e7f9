package dev.signet.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Two stages joined by a pipe: the whole succeeds only when both do. */
class PipeTest {
  @Test
  void whatTheFirstStageWritesReachesTheSecondAndItsResultIsReturned() throws IOException {
    ByteArrayOutputStream seen = new ByteArrayOutputStream();

    String result = Pipe.join(out -> {
      out.write(new byte[3 * Workers.CHUNK]);
      return "done";
    }, in -> in.transferTo(seen));

    assertThat(result).isEqualTo("done");
    assertThat(seen.size()).isEqualTo(3 * Workers.CHUNK);
  }

  @Test
  void aFirstStageThatFailsPartWayFailsTheWholeThoughTheSecondFinished() {
    assertThatThrownBy(() -> Pipe.join(out -> {
      out.write(new byte[1000]);
      throw new IOException("malformed input");
    }, in -> in.transferTo(java.io.OutputStream.nullOutputStream()))).hasMessage("malformed input");
  }

  @Test
  void aSecondStageThatFailsStopsTheFirst() {
    assertThatThrownBy(() -> Pipe.join(out -> {
      while (true) {
        out.write(new byte[Workers.CHUNK]);
      }
    }, in -> {
      in.readNBytes(10);
      throw new IOException("cannot encrypt");
    })).hasMessage("cannot encrypt");
  }
}
