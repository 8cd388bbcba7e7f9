package dev.signet.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.ContentCipher;
import dev.signet.core.Layer;
import dev.signet.core.Policy;
import dev.signet.core.PolicySetting;
import dev.signet.core.ProblemCode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** FIPSMode on the read side: a message encrypted outside FIPS 140 is a weak-algorithm error. */
class ReadPolicyFipsTest {
  static Policy fips(String value) {
    return new Policy(Map.of(PolicySetting.FIPS_MODE, value), "test");
  }

  @Test
  void tripleDesIsRefusedInFipsModeOnly() {
    List<Layer> layers = List.of(new Layer.Encrypted(ContentCipher.DES_EDE3_CBC));
    assertThat(ReadPolicy.apply(List.of(), layers, List.of(), fips("1")))
        .anySatisfy(p -> {
          assertThat(p.code()).isEqualTo(ProblemCode.WEAK_ALGORITHM);
          assertThat(p.setting()).isEqualTo(Optional.of("FIPSMode"));
        });
    assertThat(ReadPolicy.apply(List.of(), layers, List.of(), fips("0"))).noneMatch(p -> p.code() == ProblemCode.WEAK_ALGORITHM);
  }

  @Test
  void aesIsAcceptedInFipsMode() {
    assertThat(ReadPolicy.apply(List.of(), List.of(new Layer.Encrypted(ContentCipher.AES_256_GCM)), List.of(), fips("1"))).isEmpty();
  }
}
