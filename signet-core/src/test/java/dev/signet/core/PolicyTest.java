package dev.signet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Policy files in both formats of POLICY.md, and what an absent setting means. */
class PolicyTest {
  private static final String NAME_VALUE = """
      # the organisation's read-side settings
      SigStatusNoTrustDecision=2
      sigstatusnocrl=1
      NeedEncryptionString=Ask the help desk for a digital ID: https://id.example.org
      MinEncKey=168
      ForceSecurityLabelX=310b06092a864886f70d010101
      """;
  private static final String REG = """
      Windows Registry Editor Version 5.00

      [HKEY_CURRENT_USER\\Software\\Policies\\Microsoft\\Office\\16.0\\Outlook\\Security]
      "SigStatusNoTrustDecision"=dword:00000002
      "SigStatusNoCRL"=dword:00000001
      "NeedEncryptionString"="Ask the help desk for a digital ID: https://id.example.org"
      "MinEncKey"=dword:000000a8
      "ForceSecurityLabelX"=hex:31,0b,06,09,2a,86,48,86,f7,0d,\\
        01,01,01
      """;

  private static Policy read(String text) throws IOException {
    return Policy.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test");
  }

  @Test
  void aRegExportAndTheEquivalentNameValueFileGiveTheSameSettings() throws IOException {
    assertThat(read(REG).values()).isEqualTo(read(NAME_VALUE).values());
  }

  @Test
  void aRegExportInUtf16WithItsByteOrderMarkIsRead() throws IOException {
    byte[] bom = {(byte) 0xFF, (byte) 0xFE};
    byte[] body = REG.getBytes(StandardCharsets.UTF_16LE);
    byte[] all = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, all, 0, 2);
    System.arraycopy(body, 0, all, 2, body.length);
    assertThat(Policy.read(new ByteArrayInputStream(all), "utf16.reg").values()).isEqualTo(read(NAME_VALUE).values());
  }

  @Test
  void namesAreCaseInsensitive() throws IOException {
    assertThat(read(NAME_VALUE).effective(PolicySetting.SIG_STATUS_NO_CRL)).isEqualTo(1);
  }

  @Test
  void aStringRunsToTheEndOfTheLine() throws IOException {
    assertThat(read(NAME_VALUE).string(PolicySetting.NEED_ENCRYPTION_STRING))
        .contains("Ask the help desk for a digital ID: https://id.example.org");
  }

  @Test
  void anUnknownNameIsAnErrorNamingTheLine() {
    assertThatThrownBy(() -> read("AlwaysSign=1\nAlwaysSing=1\n"))
        .isInstanceOf(MalformedInputException.class).hasMessageContaining("line 2").hasMessageContaining("AlwaysSing");
  }

  @Test
  void anOutOfRangeValueIsAnErrorNamingTheLineAndTheValues() {
    assertThatThrownBy(() -> read("SigStatusNoTrustDecision=3\n"))
        .isInstanceOf(MalformedInputException.class).hasMessageContaining("line 1").hasMessageContaining("[0, 1, 2]");
  }

  @Test
  void aMalformedSecurityLabelIsAnErrorAtLoadTime() {
    assertThatThrownBy(() -> read("ForceSecurityLabelX=0401ff\n"))
        .isInstanceOf(MalformedInputException.class).hasMessageContaining("ESS SecurityLabel");
  }

  @Test
  void absentSettingsMeanTheSecureBehaviour() {
    Policy none = Policy.defaults();
    assertThat(none.effective(PolicySetting.SIG_STATUS_NO_TRUST_DECISION)).isEqualTo(1);
    assertThat(none.effective(PolicySetting.MIN_ENC_KEY)).isEqualTo(128);
    assertThat(none.effective(PolicySetting.SIG_STATUS_NO_CRL)).isZero();
    assertThat(none.isSet(PolicySetting.ALWAYS_SIGN)).isFalse();
  }
}
