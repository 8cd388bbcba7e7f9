package dev.signet.core;

import dev.signet.core.internal.PostQuantum;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The send side of POLICY.md: the one place that turns a person's choices into what compose does,
 * recording for each decision the setting that made it. A pure function of request, policy and the
 * installed security policy modules.
 *
 * <p>Security labels (the organisation's ForceSecurityLabelX or the person's) are judged by the
 * module of their security policy: one it finds invalid is refused before anything is sent, with its
 * reason. A label under a policy no installed module knows is sent as it stands, and the decision
 * says so: RFC 2634 lets a sender label mail under another organisation's policy, which the
 * recipient's module judges, and refusing it would stop mail that is labelled as agreed with a partner.
 */
public final class ComposePolicy {
  /** Strongest first: authentication outranks key length, so AES-128-GCM beats AES-256-CBC. */
  private static final List<ContentCipher> RANKED = List.of(ContentCipher.AES_256_GCM, ContentCipher.AES_128_GCM,
      ContentCipher.AES_256_CBC, ContentCipher.AES_128_CBC);

  private final ComposeRequest request;
  private final Policy policy;
  private final SecurityPolicies modules;
  private final EncryptionRules rules;
  private final List<Decision> decisions = new ArrayList<>();

  private ComposePolicy(ComposeRequest request, Policy policy, SecurityPolicies modules) {
    this.request = request;
    this.policy = policy;
    this.modules = modules;
    this.rules = new EncryptionRules(policy, request.now());
  }

  /**
   * Plans a send, judging security labels with the installed security policy modules.
   *
   * @throws PolicyViolationException when a setting (or a label's security policy) forbids the send, naming what it
   *     refused
   */
  public static ComposePlan plan(ComposeRequest request, Policy policy) {
    return plan(request, policy, SecurityPolicies.installed());
  }

  /**
   * Plans a send, judging security labels with {@code modules}.
   *
   * @throws PolicyViolationException when a setting (or a label's security policy) forbids the send, naming what it
   *     refused
   */
  public static ComposePlan plan(ComposeRequest request, Policy policy, SecurityPolicies modules) {
    return new ComposePolicy(request, policy, modules).plan();
  }

  /**
   * Encryption alone, as the encrypt verb asks for it, under the same rules as compose: the cipher within
   * MinEncKey and FIPSMode, every certificate from the requiredCA and with a key FIPSMode approves, RSA-OAEP
   * key transport under FIPSMode; AlwaysSign refuses a message that is not signed yet.
   *
   * @param signed whether the message is already signed
   * @throws PolicyViolationException naming the setting that forbids it
   */
  public static EncryptOptions encryption(EncryptOptions asked, boolean signed, Instant now, Policy policy) {
    if (!signed && policy.effective(PolicySetting.ALWAYS_SIGN) == 1) {
      throw new PolicyViolationException(PolicySetting.ALWAYS_SIGN, List.of(),
          "every message is signed: sign it first (compose signs and encrypts in one step)");
    }
    EncryptionRules rules = new EncryptionRules(policy, now);
    if (!rules.allowed(asked.cipher())) {
      throw new PolicyViolationException(rules.fips() && asked.cipher().keyBits() >= rules.minimum()
          ? PolicySetting.FIPS_MODE : PolicySetting.MIN_ENC_KEY, List.of(),
          asked.cipher().displayName() + " is " + rules.refusal(asked.cipher()));
    }
    for (X509Certificate cert : asked.recipients()) {
      rules.requireFromRequiredCa(cert, "");
      rules.requireFipsApproved(cert, "cannot encrypt to");
    }
    return rules.fips() ? asked.withKeyTransport(KeyTransport.RSA_OAEP) : asked;
  }

  private ComposePlan plan() {
    Optional<SecurityLabel> label = securityLabel();
    boolean sign = signing(label.isPresent());
    Optional<ReceiptRequest> receipt = sign ? receiptRequest() : Optional.empty();
    boolean encrypt = chosen("encrypt", request.encrypt(), PolicySetting.ALWAYS_ENCRYPT);
    Layer.SignedFormat format = sign ? format() : Layer.SignedFormat.CLEAR;
    checkOwn(sign, encrypt);
    Optional<ContentCipher> announced = sign ? announced() : Optional.empty();
    if (!encrypt) {
      return new ComposePlan(sign, format, request.settings(), false, ContentCipher.AES_128_GCM, KeyTransport.RSA_PKCS1_V1_5,
          List.of(), List.of(), decisions, receipt, label, announced, HeaderConfidentiality.NO_CONFIDENTIALITY);
    }
    List<ComposeRequest.Recipient> readers = new ArrayList<>();
    List<String> cannotRead = new ArrayList<>();
    List<String> why = new ArrayList<>();
    for (ComposeRequest.Recipient r : request.recipients()) {
      Optional<String> problem = r.certificate().map(rules::unusable).orElse(Optional.of("no certificate found"));
      problem.ifPresentOrElse(p -> {
        cannotRead.add(r.address());
        why.add(r.address() + " (" + p + ")");
      }, () -> readers.add(r));
    }
    continueWithout(cannotRead, why, readers);
    List<X509Certificate> to = new ArrayList<>(readers.stream().map(r -> r.certificate().orElseThrow()).toList());
    sentCopy(to);
    HeaderConfidentiality confidentiality = confidentiality();
    return new ComposePlan(sign, format, request.settings(), true, cipher(readers), keyTransport(), to, cannotRead,
        decisions, receipt, label, announced, confidentiality);
  }

  /** RFC 9788: the Subject travels inside and the outside shows [...], unless policy or the profile keeps it visible. */
  private HeaderConfidentiality confidentiality() {
    if (policy.effective(PolicySetting.SHOW_ENCRYPTED_SUBJECT) == 1) {
      decisions.add(new Decision("subject outside", "visible", Optional.of(PolicySetting.SHOW_ENCRYPTED_SUBJECT),
          "set by policy"));
      return HeaderConfidentiality.NO_CONFIDENTIALITY;
    }
    if (request.settings().subjectVisible()) {
      decisions.add(new Decision("subject outside", "visible", Optional.empty(), "the sender's profile"));
      return HeaderConfidentiality.NO_CONFIDENTIALITY;
    }
    decisions.add(new Decision("subject outside", "[...]", Optional.empty(), "default: the Subject travels encrypted"));
    return HeaderConfidentiality.BASELINE;
  }

  /**
   * A receipt request or a label is a signed attribute: asking for one asks for a signature. So do
   * RequestSecureReceipt=1 (every outgoing message carries a receipt request) and ForceSecurityLabelX.
   */
  private boolean signing(boolean labelled) {
    if (request.sign() || policy.effective(PolicySetting.ALWAYS_SIGN) == 1) {
      return chosen("sign", request.sign(), PolicySetting.ALWAYS_SIGN);
    }
    PolicySetting receipts = PolicySetting.REQUEST_SECURE_RECEIPT;
    if (policy.effective(receipts) == 1) {
      decide("sign", "yes", Optional.of(receipts), "set to 1, every outgoing message carries a receipt request,"
          + " which travels only in a signature");
      return true;
    }
    PolicySetting forcedLabel = PolicySetting.FORCE_SECURITY_LABEL_X;
    if (policy.isSet(forcedLabel)) {
      decide("sign", "yes", Optional.of(forcedLabel), "set, the organisation's label travels only in a signature");
      return true;
    }
    if (request.ess().receipt() || labelled) {
      decide("sign", "yes", Optional.empty(), "a receipt request or a security label travels only in a signature");
      return true;
    }
    return chosen("sign", false, PolicySetting.ALWAYS_SIGN);
  }

  /**
   * ForceSecurityLabelX's label replaces the person's; ForceSecurityLabel=1 refuses a message without
   * one. Either label must be one its security policy module allows.
   */
  private Optional<SecurityLabel> securityLabel() {
    PolicySetting forcedLabel = PolicySetting.FORCE_SECURITY_LABEL_X;
    Optional<SecurityLabel> chosen = request.ess().label();
    Optional<byte[]> forced = policy.binary(forcedLabel);
    if (forced.isPresent()) {
      SecurityLabel label = SecurityLabel.fromDer(forced.get());
      String judged = judged(label, Optional.of(forcedLabel), "the organisation's label");
      decide("security label", shown(label), Optional.of(forcedLabel), "set, the organisation's label on every"
          + " outgoing message" + (chosen.isPresent() ? "; it replaces the person's" : "") + judged);
      return Optional.of(label);
    }
    if (chosen.isPresent()) {
      String judged = judged(chosen.get(), Optional.empty(), "the label");
      decide("security label", shown(chosen.get()), Optional.empty(), "the person's choice" + judged);
      return chosen;
    }
    PolicySetting required = PolicySetting.FORCE_SECURITY_LABEL;
    if (policy.effective(required) == 1) {
      throw new PolicyViolationException(required, List.of(),
          "a message cannot be sent without a security label (--label, or a profile's default label)");
    }
    decide("security label", "none", policy.isSet(required) ? Optional.of(required) : Optional.empty(),
        "none chosen, none required");
    return Optional.empty();
  }

  /**
   * Refuses a label its security policy module finds invalid, naming the module's reason; says which
   * module allowed it, or that no installed module knows its policy.
   */
  private String judged(SecurityLabel label, Optional<PolicySetting> forcedBy, String whose) {
    Optional<SecurityPolicyModule> module = modules.module(label.policy());
    if (module.isEmpty()) {
      return "; its security policy " + label.policy() + " is unknown here (no module installed), so it goes"
          + " unchecked";
    }
    Optional<String> invalid = module.get().invalidity(label);
    if (invalid.isPresent()) {
      String message = whose + " " + label.display() + " is not valid under " + module.get().name() + ": "
          + invalid.get();
      throw forcedBy.map(s -> new PolicyViolationException(s, List.of(), message))
          .orElseGet(() -> PolicyViolationException.ofSecurityPolicy(List.of(), "security label: " + message));
    }
    return "; valid under " + module.get().name();
  }

  /** The marking its module shows, else the label in RFC 2634's words. */
  private String shown(SecurityLabel label) {
    return modules.module(label.policy()).map(m -> m.display(label)).orElse(label.display());
  }

  /** RequestSecureReceipt=1: every outgoing message carries a receipt request (so is signed); else the person decides. */
  private Optional<ReceiptRequest> receiptRequest() {
    PolicySetting setting = PolicySetting.REQUEST_SECURE_RECEIPT;
    ComposeRequest.Ess ess = request.ess();
    if (policy.effective(setting) == 1) {
      ReceiptRequest r = ess.prepared().orElseThrow(() -> new PolicyViolationException(setting, List.of(),
          "every outgoing message must request a receipt, and there is no address for receipts to go to"));
      decide("receipt request", "yes, receipts to " + String.join(", ", r.receiptsTo()), Optional.of(setting),
          "set to 1, every outgoing message");
      return Optional.of(r);
    }
    Optional<PolicySetting> by = policy.isSet(setting) ? Optional.of(setting) : Optional.empty();
    if (ess.receipt()) {
      decide("receipt request", "yes, receipts to " + String.join(", ", ess.prepared().orElseThrow().receiptsTo()), by,
          "the person's choice");
      return ess.prepared();
    }
    decide("receipt request", "no", by, "the person's choice");
    return Optional.empty();
  }

  private boolean chosen(String subject, boolean asked, PolicySetting forcing) {
    if (policy.effective(forcing) == 1) {
      decide(subject, "yes", Optional.of(forcing), "set to 1, every outgoing message");
      return true;
    }
    decide(subject, asked ? "yes" : "no", Optional.empty(), "the person's choice");
    return asked;
  }

  private Layer.SignedFormat format() {
    if (policy.isSet(PolicySetting.CLEAR_SIGN)) {
      boolean clear = policy.effective(PolicySetting.CLEAR_SIGN) == 1;
      decide("format", clear ? "clear-signed" : "opaque", Optional.of(PolicySetting.CLEAR_SIGN),
          "set to " + (clear ? 1 : 0));
      return clear ? Layer.SignedFormat.CLEAR : Layer.SignedFormat.OPAQUE;
    }
    decide("format", request.opaque() ? "opaque" : "clear-signed", Optional.empty(), "the person's choice");
    return request.opaque() ? Layer.SignedFormat.OPAQUE : Layer.SignedFormat.CLEAR;
  }

  /** The sender's own certificate must satisfy requiredCA, and FIPSMode when it signs. */
  private void checkOwn(boolean sign, boolean encrypt) {
    X509Certificate own = request.sender().certificate();
    if (sign || encrypt) {
      rules.requireFromRequiredCa(own, "your digital ID ");
    }
    rules.requiredCa().ifPresent(ca -> decide("certificates", "issued by " + ca + " only",
        Optional.of(PolicySetting.REQUIRED_CA), "set; own and recipients' certificates"));
    if (sign) {
      rules.requireFipsApproved(own, "cannot sign with");
    }
  }

  /** DisableContinueEncryption: 1 stops the send; 0 lets the person continue without those recipients. */
  private void continueWithout(List<String> cannotRead, List<String> why, List<ComposeRequest.Recipient> readers) {
    if (cannotRead.isEmpty()) {
      decide("recipients", "all " + readers.size() + " can read it", Optional.empty(), "every certificate usable");
      return;
    }
    PolicySetting dce = PolicySetting.DISABLE_CONTINUE_ENCRYPTION;
    String list = String.join(", ", why);
    if (policy.effective(dce) == 1) {
      throw new PolicyViolationException(dce, cannotRead, "no usable certificate for " + list
          + "; the message cannot be sent encrypted");
    }
    if (readers.isEmpty()) {
      throw new PolicyViolationException(dce, cannotRead, "no usable certificate for " + list + "; nobody could read it");
    }
    if (!request.continueEncryption()) {
      throw PolicyViolationException.continuable(cannotRead, "no usable certificate for " + list
          + "; --continue-encryption sends it to the others");
    }
    decide("recipients", "cannot read it: " + String.join(", ", cannotRead), Optional.of(dce),
        (policy.isSet(dce) ? "set to 0" : "absent") + ", the person chose to continue: " + list);
  }

  private void sentCopy(List<X509Certificate> to) {
    X509Certificate own = request.settings().encryptionCertificate();
    Optional<String> problem = rules.unusable(own);
    if (problem.isEmpty() && !to.contains(own)) {
      to.add(own);
    }
    decide("sent copy", problem.isEmpty() ? "readable" : "not readable", Optional.empty(),
        problem.map(p -> "own certificate: " + p).orElse("encrypted to the sender's own certificate too"));
  }

  /**
   * The sender's preferred cipher (their profile's), else the strongest, that MinEncKey and FIPSMode
   * allow and every reader reads. A reader whose capabilities are unknown is taken to read the cipher
   * the person chose (knowing their correspondents) and the organisation's DefaultEncryptionCipher,
   * else AES-128-GCM (AES-256-GCM when MinEncKey asks for more than 128 bits).
   */
  private ContentCipher cipher(List<ComposeRequest.Recipient> readers) {
    int min = policy.effective(PolicySetting.MIN_ENC_KEY);
    List<String> postQuantum = readers.stream()
        .filter(r -> PostQuantum.of(r.certificate().orElseThrow().getPublicKey()).equals(Optional.of(PostQuantum.ML_KEM)))
        .map(ComposeRequest.Recipient::address).toList();
    if (!postQuantum.isEmpty()) {
      return postQuantumCipher(postQuantum, min);
    }
    ContentCipher preferred = request.settings().preferredCipher();
    Optional<ContentCipher> chosen = Stream.concat(Stream.of(preferred), RANKED.stream())
        .filter(c -> rules.allowed(c))
        .filter(c -> readers.stream().allMatch(r -> reads(r, c, min))).findFirst();
    String source = policy.isSet(PolicySetting.MIN_ENC_KEY) ? "set" : "absent, default";
    ContentCipher cipher = chosen.orElseThrow(() -> new PolicyViolationException(PolicySetting.MIN_ENC_KEY,
        readers.stream().map(ComposeRequest.Recipient::address).toList(),
        "no cipher of at least " + min + " bits that every recipient reads"));
    long unknown = readers.stream().filter(r -> r.capabilities().isEmpty()).count();
    String capabilities = unknown == readers.size() ? "recipients' capabilities unknown"
        : unknown == 0 ? "every recipient reads it" : "every recipient whose capabilities are known reads it, the"
            + " others' are unknown";
    boolean profile = request.settings().cipherChosen();
    boolean organisations = unknown > 0 && policy.isSet(PolicySetting.DEFAULT_ENCRYPTION_CIPHER)
        && cipher == forUnknown(min) && !(profile && cipher == preferred);
    String why;
    if (profile && cipher == preferred) {
      why = "the sender's profile cipher; " + capabilities;
    } else {
      String notPreferred = !profile ? "no profile cipher" : !rules.allowed(preferred) ? "the profile's "
          + preferred.displayName() + " is " + rules.refusal(preferred)
          : "not every recipient reads the profile's " + preferred.displayName();
      why = notPreferred + "; " + (unknown == readers.size() ? "recipients' capabilities unknown, so "
          + (organisations ? "the organisation's DefaultEncryptionCipher" : min > 128
              ? "AES-256-GCM, as MinEncKey asks for more than 128 bits" : "AES-128-GCM")
          : "the strongest every recipient reads");
    }
    decide("cipher", cipher.displayName(), Optional.of(organisations ? PolicySetting.DEFAULT_ENCRYPTION_CIPHER
        : PolicySetting.MIN_ENC_KEY), "minimum " + min + " bits (" + source + (rules.fips() ? "; FIPSMode set" : "")
        + "); " + why);
    return cipher;
  }

  /**
   * AES-256-GCM in AuthEnvelopedData for mail to an ML-KEM recipient (RFC 9936): a content key as strong
   * against a quantum adversary as the KEM that carries it, whatever the profile prefers.
   */
  private ContentCipher postQuantumCipher(List<String> recipients, int min) {
    ContentCipher cipher = ContentCipher.AES_256_GCM;
    if (!rules.allowed(cipher)) {
      throw new PolicyViolationException(PolicySetting.MIN_ENC_KEY, recipients, "ML-KEM recipients need "
          + cipher.displayName() + ", which is " + rules.refusal(cipher));
    }
    decide("cipher", cipher.displayName(), Optional.of(PolicySetting.MIN_ENC_KEY), "minimum " + min + " bits; an ML-KEM"
        + " recipient (" + String.join(", ", recipients) + "): post-quantum mail is AES-256-GCM (RFC 9936)");
    return cipher;
  }

  /** Unknown capabilities: the cipher the sender chose, and the one for unknown readers. */
  private boolean reads(ComposeRequest.Recipient r, ContentCipher c, int min) {
    if (!r.capabilities().isEmpty()) {
      return r.capabilities().contains(c);
    }
    SenderSettings sender = request.settings();
    return sender.cipherChosen() && c == sender.preferredCipher() || c == forUnknown(min);
  }

  /** The organisation's DefaultEncryptionCipher, else AES-128-GCM (AES-256-GCM above 128 bits). */
  private ContentCipher forUnknown(int min) {
    return policy.string(PolicySetting.DEFAULT_ENCRYPTION_CIPHER).flatMap(ContentCipher::forEncryption)
        .orElse(min > 128 ? ContentCipher.AES_256_GCM : ContentCipher.AES_128_GCM);
  }

  /**
   * What the signature announces first among our S/MIME capabilities (RFC 8551 section 2.5.2): the
   * sender's preferred cipher, so that correspondents answer with it, when policy lets it be used.
   */
  private Optional<ContentCipher> announced() {
    ContentCipher preferred = request.settings().preferredCipher();
    return rules.allowed(preferred) ? Optional.of(preferred) : Optional.empty();
  }

  /** FIPSMode: RSA-OAEP, since SP 800-131A no longer approves PKCS#1 v1.5 key transport. */
  private KeyTransport keyTransport() {
    if (rules.fips()) {
      decide("key transport", "RSA-OAEP", Optional.of(PolicySetting.FIPS_MODE), "set to 1, PKCS#1 v1.5 is not approved");
      return KeyTransport.RSA_OAEP;
    }
    return KeyTransport.RSA_PKCS1_V1_5;
  }

  private void decide(String subject, String outcome, Optional<PolicySetting> setting, String reason) {
    decisions.add(new Decision(subject, outcome, setting, reason));
  }
}
