package dev.signet.core.postquantum;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.DigitalId;
import dev.signet.core.Layer;
import dev.signet.core.ReadOptions;
import dev.signet.core.SecurityReport;
import dev.signet.core.SignOptions;
import dev.signet.core.Smime;
import dev.signet.core.Verdict;
import dev.signet.testkit.TestPki;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** ML-DSA signatures in CMS (RFC 9882): SHA-512 digest, signed attributes present. */
class MlDsaSignatureTest {
  @ParameterizedTest(name = "a message signed clear with {0} is valid from its signer")
  @ValueSource(strings = {"ML-DSA-44", "ML-DSA-65", "ML-DSA-87"})
  void aClearSignatureIsValid(String parameterSet) throws IOException {
    DigitalId signer = PostQuantumIds.mlDsa(parameterSet);

    SecurityReport report = read(sign(from(parameterSet), SignOptions.defaults(signer)));

    assertThat(report.problems()).isEmpty();
    assertThat(report.verdict()).isEqualTo(Verdict.VALID);
    assertThat(report.signers()).singleElement().satisfies(s -> {
      assertThat(s.signatureValid()).isTrue();
      assertThat(s.digestAlgorithm()).isEqualTo("SHA-512");
    });
  }

  @ParameterizedTest(name = "a message signed opaque with {0} is valid from its signer")
  @ValueSource(strings = {"ML-DSA-44", "ML-DSA-65", "ML-DSA-87"})
  void anOpaqueSignatureIsValid(String parameterSet) throws IOException {
    DigitalId signer = PostQuantumIds.mlDsa(parameterSet);

    SecurityReport report = read(sign(from(parameterSet), SignOptions.defaults(signer).withFormat(Layer.SignedFormat.OPAQUE)));

    assertThat(report.verdict()).isEqualTo(Verdict.VALID);
    assertThat(report.layers()).containsExactly(new Layer.Signed(Layer.SignedFormat.OPAQUE));
  }

  @ParameterizedTest(name = "an ML-DSA signature asked to use {0} still uses SHA-512")
  @EnumSource(value = dev.signet.core.DigestAlgorithm.class, names = {"SHA_256", "SHA_384"})
  void theDigestIsSha512WhateverIsAsked(dev.signet.core.DigestAlgorithm asked) throws IOException {
    DigitalId signer = PostQuantumIds.mlDsa("ML-DSA-87");

    byte[] signed = sign(from("ML-DSA-87"), SignOptions.defaults(signer).withDigest(asked));

    assertThat(new String(signed, StandardCharsets.US_ASCII)).contains("micalg=sha-512");
    assertThat(read(signed).verdict()).isEqualTo(Verdict.VALID);
  }

  @org.junit.jupiter.api.Test
  void anAlteredMessageIsABadSignature() throws IOException {
    DigitalId signer = PostQuantumIds.mlDsa("ML-DSA-65");
    String signed = new String(sign(from("ML-DSA-65"), SignOptions.defaults(signer)), StandardCharsets.US_ASCII);

    SecurityReport report = read(signed.replace("quantum computer", "quantum c0mputer")
        .getBytes(StandardCharsets.US_ASCII));

    assertThat(report.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(report.has(dev.signet.core.ProblemCode.BAD_SIGNATURE)).isTrue();
  }

  /** A message from the test PKI's address for the parameter set, {@code ml-dsa-65@signet.test}. */
  static byte[] from(String parameterSet) {
    return ("From: " + parameterSet.toLowerCase(java.util.Locale.ROOT) + "@signet.test\r\nTo: b@example.org\r\n"
        + "Subject: pq\r\n\r\nsigned after the quantum computer\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] sign(byte[] message, SignOptions options) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Smime.withDefaults().sign(new ByteArrayInputStream(message), options, out);
    return out.toByteArray();
  }

  private static SecurityReport read(byte[] message) throws IOException {
    return Smime.withDefaults().read(new ByteArrayInputStream(message),
        ReadOptions.verify(TestPki.get().anchors()), OutputStreamNull.INSTANCE);
  }

  private static final class OutputStreamNull {
    static final java.io.OutputStream INSTANCE = java.io.OutputStream.nullOutputStream();
  }
}
