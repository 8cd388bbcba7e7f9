package dev.signet.core;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The administrator settings of POLICY.md, named as enterprise mail clients spell them in the
 * registry, so an existing export comes across unchanged.
 */
public enum PolicySetting {
  ALWAYS_ENCRYPT("AlwaysEncrypt", Kind.DWORD, List.of(0, 1), "every outgoing message is encrypted"),
  ALWAYS_SIGN("AlwaysSign", Kind.DWORD, List.of(0, 1), "every outgoing message is signed"),
  CLEAR_SIGN("ClearSign", Kind.DWORD, List.of(0, 1), "signed messages are clear-signed (1) or opaque (0)"),
  REQUEST_SECURE_RECEIPT("RequestSecureReceipt", Kind.DWORD, List.of(0, 1),
      "every outgoing signed message requests a signed receipt"),
  FORCE_SECURITY_LABEL("ForceSecurityLabel", Kind.DWORD, List.of(0, 1), "a message cannot be sent without a label"),
  FORCE_SECURITY_LABEL_X("ForceSecurityLabelX", Kind.BINARY, List.of(),
      "an administrator-defined ESS security label added to every outgoing message"),
  SIG_STATUS_NO_CRL("SigStatusNoCRL", Kind.DWORD, List.of(0, 1),
      "a signing certificate whose CRL cannot be found is an error (1) or a warning (0)"),
  SIG_STATUS_NO_TRUST_DECISION("SigStatusNoTrustDecision", Kind.DWORD, List.of(0, 1, 2),
      "a signature that does not chain to a trusted root is an error (2), a warning (1) or allowed (0)"),
  PROMOTE_ERRORS_AS_WARNINGS("PromoteErrorsAsWarnings", Kind.DWORD, List.of(0, 1),
      "level-2 errors (the signature verifies, something around it is wrong) are shown as warnings"),
  SIGNING_TIME_SKEW("SigningTimeSkew", Kind.DWORD, List.of(0, 5, 15, 60, 240, 1440),
      "minutes a signature's signing time may lie from the message's Date before DATE_MISMATCH (0: not compared)"),
  PUBLISH_TO_GAL_DISABLED("PublishToGALDisabled", Kind.DWORD, List.of(0, 1),
      "users cannot publish their certificates to the directory"),
  FIPS_MODE("FIPSMode", Kind.DWORD, List.of(0, 1), "only FIPS 140 approved algorithms are used or accepted"),
  WARN_ABOUT_INVALID("WarnAboutInvalid", Kind.DWORD, List.of(0, 1, 2),
      "the warning for invalid certificates or signatures: never shown (2), always (1), with don't-ask-again (0)"),
  DISABLE_CONTINUE_ENCRYPTION("DisableContinueEncryption", Kind.DWORD, List.of(0, 1),
      "a recipient without a usable certificate stops an encrypted send"),
  RESPOND_TO_RECEIPT_REQUEST("RespondToReceiptRequest", Kind.DWORD, List.of(0, 1, 2, 3),
      "signed receipts: always (0), always asking for the password (1), never (2), forced (3)"),
  NEED_ENCRYPTION_STRING("NeedEncryptionString", Kind.STRING, List.of(),
      "shown when an encrypted message cannot be opened for want of a key"),
  OPTIONS("Options", Kind.DWORD, List.of(0, 1), "1: no warning on opening a message whose signature is invalid"),
  MIN_ENC_KEY("MinEncKey", Kind.DWORD, List.of(40, 64, 128, 168),
      "minimum content-encryption key length in bits for outgoing mail; below it, reading is flagged"),
  SHOW_ENCRYPTED_SUBJECT("ShowEncryptedSubject", Kind.DWORD, List.of(0, 1),
      "1: encrypted mail shows its Subject outside; 0: it shows [...] unless the person's profile keeps it visible"),
  DEFAULT_ENCRYPTION_CIPHER("DefaultEncryptionCipher", Kind.STRING, List.of(),
      "the cipher for recipients whose capabilities are unknown: AES-128-GCM, AES-256-GCM, AES-128-CBC or AES-256-CBC"),
  REQUIRED_CA("requiredCA", Kind.STRING, List.of(), "the only CA whose certificates may sign or encrypt"),
  ENROLL_PAGE_URL("EnrollPageURL", Kind.STRING, List.of(),
      "where \"Get a digital ID\" leads: %1 display name, %2 email, %3 code page");

  /** How a setting's value is written. */
  public enum Kind {
    DWORD,
    STRING,
    BINARY
  }

  private final String registryName;
  private final Kind kind;
  private final List<Integer> allowed;
  private final String meaning;

  PolicySetting(String registryName, Kind kind, List<Integer> allowed, String meaning) {
    this.registryName = registryName;
    this.kind = kind;
    this.allowed = allowed;
    this.meaning = meaning;
  }

  /** The name as enterprise clients spell it, e.g. {@code SigStatusNoTrustDecision}. */
  public String registryName() {
    return registryName;
  }

  public Kind kind() {
    return kind;
  }

  /** The values a DWORD setting may take. */
  public List<Integer> allowed() {
    return allowed;
  }

  public String meaning() {
    return meaning;
  }

  /** Names are case-insensitive on input. */
  public static Optional<PolicySetting> byName(String name) {
    return Arrays.stream(values()).filter(s -> s.registryName.equalsIgnoreCase(name.trim())).findFirst();
  }

  /**
   * What an absent setting means, in words, when no value of the setting means the same: ClearSign
   * absent leaves the person's choice (clear-signed unless they ask for opaque), which neither 0 nor 1
   * does; requiredCA absent lets certificates of any CA sign and encrypt; DefaultEncryptionCipher absent
   * is AES-GCM, sized by MinEncKey. Empty for the others, whose
   * absence is {@link #absentValue()} (a DWORD) or the empty value.
   */
  public Optional<String> absence() {
    return switch (this) {
      case CLEAR_SIGN -> Optional.of("the person's choice, clear-signed unless they ask for opaque");
      case REQUIRED_CA -> Optional.of("certificates of any CA may sign and encrypt");
      case DEFAULT_ENCRYPTION_CIPHER -> Optional.of("AES-128-GCM, or AES-256-GCM when MinEncKey asks for more");
      default -> Optional.empty();
    };
  }

  /**
   * What an absent DWORD means: the secure behaviour, not "anything goes". SigStatusNoTrustDecision
   * absent is 1 (untrusted is a warning), MinEncKey absent is 128, SigningTimeSkew absent is 60 (an
   * hour, as Thunderbird holds it), every other DWORD absent is 0 (ClearSign's absence is no value:
   * see {@link #absence()}).
   */
  public int absentValue() {
    return switch (this) {
      case SIG_STATUS_NO_TRUST_DECISION -> 1;
      case SIGNING_TIME_SKEW -> 60;
      case MIN_ENC_KEY -> 128;
      default -> 0;
    };
  }
}
