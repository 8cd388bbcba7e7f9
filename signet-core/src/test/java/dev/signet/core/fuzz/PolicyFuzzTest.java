package dev.signet.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.signet.core.Policy;
import java.io.ByteArrayInputStream;

/** Policy files in both formats (Name=Value lines; .reg exports in UTF-8 or UTF-16). */
class PolicyFuzzTest {

  @FuzzTest(maxDuration = "2m")
  void nameValueFiles(byte[] input) {
    read(input);
  }

  @FuzzTest(maxDuration = "2m")
  void registryExports(byte[] input) {
    read(input);
  }

  private static void read(byte[] input) {
    Contract.holds(() -> Policy.read(new ByteArrayInputStream(input), "fuzz.reg"));
  }
}
