package dev.signet.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.core.Policy;
import dev.signet.core.PolicySetting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The machine-wide policy binds every verb; a person's own file adds to it and weakens nothing. */
class PolicyInForceTest {
  @TempDir Path dir;

  @Test
  void withNoFileTheBuiltInDefaultsHold() throws IOException {
    assertThat(PolicyInForce.read(Optional.empty(), dir.resolve("absent")).values()).isEmpty();
  }

  @Test
  void theMachineWideFileHoldsWithoutAPersonalOne() throws IOException {
    Policy p = PolicyInForce.read(Optional.empty(), file("machine", "FIPSMode=1\n"));

    assertThat(p.effective(PolicySetting.FIPS_MODE)).isEqualTo(1);
    assertThat(p.source()).contains("machine");
  }

  @Test
  void aPersonalFileCannotWeakenAMachineWideSetting() throws IOException {
    Policy p = PolicyInForce.read(Optional.of(file("mine", "FIPSMode=0\nAlwaysSign=1\n")),
        file("machine", "FIPSMode=1\n"));

    assertThat(p.effective(PolicySetting.FIPS_MODE)).isEqualTo(1);
    assertThat(p.effective(PolicySetting.ALWAYS_SIGN)).isEqualTo(1);
    assertThat(p.source()).contains("machine").contains("mine");
  }

  @Test
  void aMachineWideFileOthersMayWriteIsRefused() throws IOException {
    Path machine = file("machine", "FIPSMode=1\n");
    Files.setPosixFilePermissions(machine, PosixFilePermissions.fromString("rw-rw-rw-"));

    assertThatThrownBy(() -> PolicyInForce.read(Optional.empty(), machine)).isInstanceOf(StoreException.class)
        .hasMessageContaining("may be written by others");
  }

  private Path file(String name, String text) throws IOException {
    Path f = Files.writeString(dir.resolve(name), text);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
    return f;
  }
}
