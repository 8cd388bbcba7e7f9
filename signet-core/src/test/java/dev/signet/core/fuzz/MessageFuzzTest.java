package dev.signet.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.signet.core.ReadOptions;
import dev.signet.core.Smime;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;

/** The MIME reader on arbitrary bytes: whatever arrives, at every depth, a report or a typed error. */
class MessageFuzzTest {
  private static final Smime SMIME = Smime.withDefaults().withClock(FuzzIds.READ);

  @FuzzTest(maxDuration = "2m")
  void anyMessage(byte[] input) {
    for (ReadOptions.Depth depth : ReadOptions.Depth.values()) {
      Contract.holds(() -> SMIME.read(new ByteArrayInputStream(input), FuzzIds.options(depth),
          OutputStream.nullOutputStream()).verdict());
    }
  }
}
