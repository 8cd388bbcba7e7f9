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

  // Issue 16, defect 10: a setting given twice; .reg values under other keys.

  @Test
  void aSettingGivenTwiceIsAnErrorNamingBothLines() {
    assertThatThrownBy(() -> read("AlwaysSign=1\n# later\nalwayssign=0\n"))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage("policy test line 3: AlwaysSign is given twice, on line 1 and on line 3");
  }

  @Test
  void aSettingGivenTwiceInARegExportIsAnErrorNamingBothLines() {
    assertThatThrownBy(() -> read(REG + "\"MinEncKey\"=dword:00000080\n"))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage("policy test line 10: MinEncKey is given twice, on line 7 and on line 10");
  }

  @Test
  void aRegValueUnderAnotherKeyIsRefusedNamingTheKey() {
    String other = REG + "\n[HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Options\\Mail]\n"
        + "\"AlwaysSign\"=dword:00000001\n";

    assertThatThrownBy(() -> read(other)).isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("line 12: \"AlwaysSign\" is under [HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0"
            + "\\Outlook\\Options\\Mail], which is not Outlook's security policy key");
  }

  @Test
  void aRegValueBeforeAnyKeyOrUnderAKeyDeletionIsRefused() {
    assertThatThrownBy(() -> read("REGEDIT4\n\"AlwaysSign\"=dword:00000001\n"))
        .isInstanceOf(MalformedInputException.class).hasMessageContaining("line 2: \"AlwaysSign\" comes before any key");
    assertThatThrownBy(() -> read(REG.replace("[HKEY_CURRENT_USER", "[-HKEY_CURRENT_USER")))
        .isInstanceOf(MalformedInputException.class).hasMessageContaining("line 3: [-HKEY_CURRENT_USER")
        .hasMessageContaining("deletes a key");
  }

  @Test
  void theMachinesSecurityPolicyKeyAndOtherOfficeVersionsAreRead() throws IOException {
    Policy machine = read(REG.replace("HKEY_CURRENT_USER", "HKEY_LOCAL_MACHINE").replace("16.0", "15.0"));

    assertThat(machine.values()).isEqualTo(read(NAME_VALUE).values());
  }

  @Test
  void keysWithoutValuesMayStandAroundTheSecurityKey() throws IOException {
    String wider = REG.replace("Windows Registry Editor Version 5.00\n", "Windows Registry Editor Version 5.00\n\n"
        + "[HKEY_CURRENT_USER\\Software\\Policies\\Microsoft\\Office\\16.0\\Outlook]\n");

    assertThat(read(wider).values()).isEqualTo(read(NAME_VALUE).values());
  }

  // Defect 8: requiredCA is a distinguished name, checked when the policy is read.

  @Test
  void aRequiredCaThatIsNotADistinguishedNameIsAnErrorNamingTheLine() {
    assertThatThrownBy(() -> read("AlwaysSign=1\nrequiredCA=Audit Root CA\n"))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageStartingWith("policy test line 2: requiredCA: \"Audit Root CA\" is not a distinguished name");
    assertThatThrownBy(() -> read("requiredCA=CN=Audit Root CA,Organisation=Example\n"))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage("policy test line 1: requiredCA: \"CN=Audit Root CA,Organisation=Example\" is not a distinguished"
            + " name: unknown attribute type \"Organisation\"");
    assertThatThrownBy(() -> read("requiredCA=\n")).isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("line 1: requiredCA: an empty name");
  }

  @Test
  void aRequiredCaInARegExportIsCheckedToo() {
    assertThatThrownBy(() -> read(REG + "\"requiredCA\"=\"Audit Root CA\"\n"))
        .isInstanceOf(MalformedInputException.class).hasMessageContaining("line 10: requiredCA:");
  }

  @Test
  void requiredCaIsKeptAsWritten() throws IOException {
    assertThat(read("requiredCA=subject=O = Example, CN = Audit Root CA\n").string(PolicySetting.REQUIRED_CA))
        .contains("subject=O = Example, CN = Audit Root CA");
  }

  @Test
  void aPolicyMadeInCodeChecksItsValuesToo() {
    assertThatThrownBy(() -> new Policy(java.util.Map.of(PolicySetting.REQUIRED_CA, "Audit Root CA"), "web console"))
        .isInstanceOf(MalformedInputException.class).hasMessageStartingWith("policy web console: requiredCA:");
    assertThatThrownBy(() -> new Policy(java.util.Map.of(PolicySetting.MIN_ENC_KEY, "256"), "code"))
        .isInstanceOf(MalformedInputException.class).hasMessageContaining("MinEncKey must be one of [40, 64, 128, 168]");
  }

  @Test
  void clearSignsAbsenceIsThePersonsChoiceNotAValue() {
    assertThat(PolicySetting.CLEAR_SIGN.absence()).contains("the person's choice, clear-signed unless they ask for opaque");
    assertThat(PolicySetting.ALWAYS_SIGN.absence()).isEmpty();
    assertThat(PolicySetting.MIN_ENC_KEY.absence()).isEmpty();
  }

  // Issue 19: the organisation's cipher for recipients whose capabilities are unknown.

  @Test
  void aDefaultEncryptionCipherInARegExportIsRead() throws IOException {
    assertThat(read(REG + "\"DefaultEncryptionCipher\"=\"AES-128-CBC\"\n").string(PolicySetting.DEFAULT_ENCRYPTION_CIPHER))
        .contains("AES-128-CBC");
  }

  @Test
  void aDefaultEncryptionCipherSignetDoesNotEncryptWithIsAnErrorNamingTheLine() {
    assertThatThrownBy(() -> read("AlwaysSign=1\nDefaultEncryptionCipher=3DES-CBC\n"))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage("policy test line 2: DefaultEncryptionCipher must be one of AES-128-GCM, AES-256-GCM, AES-128-CBC"
            + " or AES-256-CBC, not \"3DES-CBC\"");
  }
}
