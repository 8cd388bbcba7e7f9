package dev.signet.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.signet.core.DigitalId;
import java.io.ByteArrayInputStream;

/** PKCS#12 files as a person imports them: the right password, anything else in the file. */
class Pkcs12FuzzTest {

  @FuzzTest(maxDuration = "2m")
  void digitalIds(byte[] input) {
    Contract.holds(() -> DigitalId.readPkcs12(new ByteArrayInputStream(input), FuzzIds.PASSWORD));
  }
}
