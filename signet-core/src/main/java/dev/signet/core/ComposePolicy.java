package dev.signet.core;

import dev.signet.core.internal.AlgorithmRegistry;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.security.auth.x500.X500Principal;

/**
 * The send side of POLICY.md: the one place that turns a person's choices into what compose does,
 * recording for each decision the setting that made it. A pure function of request and policy.
 */
public final class ComposePolicy {
  /** Strongest first: authentication outranks key length, so AES-128-GCM beats AES-256-CBC. */
  private static final List<ContentCipher> RANKED = List.of(ContentCipher.AES_256_GCM, ContentCipher.AES_128_GCM,
      ContentCipher.AES_256_CBC, ContentCipher.AES_128_CBC);

  private final ComposeRequest request;
  private final Policy policy;
  private final List<Decision> decisions = new ArrayList<>();

  private ComposePolicy(ComposeRequest request, Policy policy) {
    this.request = request;
    this.policy = policy;
  }

  /** @throws PolicyViolationException when a setting forbids the send, naming what it refused */
  public static ComposePlan plan(ComposeRequest request, Policy policy) {
    return new ComposePolicy(request, policy).plan();
  }

  private ComposePlan plan() {
    Optional<SecurityLabel> label = securityLabel();
    boolean sign = signing(request.ess().receipt() || label.isPresent());
    Optional<ReceiptRequest> receipt = sign ? receiptRequest() : Optional.empty();
    boolean encrypt = chosen("encrypt", request.encrypt(), PolicySetting.ALWAYS_ENCRYPT);
    Layer.SignedFormat format = sign ? format() : Layer.SignedFormat.CLEAR;
    checkOwn(sign, encrypt);
    if (!encrypt) {
      return new ComposePlan(sign, format, request.settings(), false, ContentCipher.AES_128_GCM, KeyTransport.RSA_PKCS1_V1_5,
          List.of(), List.of(), decisions, receipt, label);
    }
    List<ComposeRequest.Recipient> readers = new ArrayList<>();
    List<String> cannotRead = new ArrayList<>();
    List<String> why = new ArrayList<>();
    for (ComposeRequest.Recipient r : request.recipients()) {
      Optional<String> problem = r.certificate().map(this::unusable).orElse(Optional.of("no certificate found"));
      problem.ifPresentOrElse(p -> {
        cannotRead.add(r.address());
        why.add(r.address() + " (" + p + ")");
      }, () -> readers.add(r));
    }
    continueWithout(cannotRead, why, readers);
    List<X509Certificate> to = new ArrayList<>(readers.stream().map(r -> r.certificate().orElseThrow()).toList());
    sentCopy(to);
    return new ComposePlan(sign, format, request.settings(), true, cipher(readers), keyTransport(), to, cannotRead,
        decisions, receipt, label);
  }

  /** A receipt request or a label is a signed attribute: asking for one asks for a signature. */
  private boolean signing(boolean carriesEss) {
    if (carriesEss && !request.sign() && policy.effective(PolicySetting.ALWAYS_SIGN) != 1) {
      decide("sign", "yes", Optional.empty(), "a receipt request or a security label travels only in a signature");
      return true;
    }
    return chosen("sign", request.sign(), PolicySetting.ALWAYS_SIGN);
  }

  /** ForceSecurityLabelX's label replaces the person's; ForceSecurityLabel=1 refuses a message without one. */
  private Optional<SecurityLabel> securityLabel() {
    PolicySetting forcedLabel = PolicySetting.FORCE_SECURITY_LABEL_X;
    Optional<SecurityLabel> chosen = request.ess().label();
    Optional<byte[]> forced = policy.binary(forcedLabel);
    if (forced.isPresent()) {
      SecurityLabel label = SecurityLabel.fromDer(forced.get());
      decide("security label", label.display(), Optional.of(forcedLabel), "set, the organisation's label on every"
          + " outgoing message" + (chosen.isPresent() ? "; it replaces the person's" : ""));
      return Optional.of(label);
    }
    if (chosen.isPresent()) {
      decide("security label", chosen.get().display(), Optional.empty(), "the person's choice");
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

  /** RequestSecureReceipt=1: every signed message carries a receipt request; else the person decides. */
  private Optional<ReceiptRequest> receiptRequest() {
    PolicySetting setting = PolicySetting.REQUEST_SECURE_RECEIPT;
    ComposeRequest.Ess ess = request.ess();
    if (policy.effective(setting) == 1) {
      ReceiptRequest r = ess.prepared().orElseThrow(() -> new PolicyViolationException(setting, List.of(),
          "every signed message must request a receipt, and there is no address for receipts to go to"));
      decide("receipt request", "yes, receipts to " + String.join(", ", r.receiptsTo()), Optional.of(setting),
          "set to 1, every outgoing signed message");
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
    String name = own.getSubjectX500Principal().getName();
    if ((sign || encrypt) && !fromRequiredCa(own)) {
      throw new PolicyViolationException(PolicySetting.REQUIRED_CA, List.of(name), "your digital ID " + name
          + " is issued by " + own.getIssuerX500Principal().getName() + ", not by " + requiredCa().orElseThrow().getName());
    }
    requiredCa().ifPresent(ca -> decide("certificates", "issued by " + ca.getName() + " only",
        Optional.of(PolicySetting.REQUIRED_CA), "set; own and recipients' certificates"));
    if (sign && fips()) {
      AlgorithmRegistry.fipsRefusal(own.getPublicKey()).ifPresent(p -> {
        throw new PolicyViolationException(PolicySetting.FIPS_MODE, List.of(name), "cannot sign with " + p);
      });
    }
  }

  /** Why a recipient's certificate cannot be encrypted to, if it cannot. */
  private Optional<String> unusable(X509Certificate cert) {
    if (request.now().isAfter(cert.getNotAfter().toInstant()) || request.now().isBefore(cert.getNotBefore().toInstant())) {
      return Optional.of("certificate not valid now");
    }
    boolean[] usage = cert.getKeyUsage();
    if (usage != null && !usage[2] && !usage[4]) {
      return Optional.of("certificate not for encryption");
    }
    if (!fromRequiredCa(cert)) {
      return Optional.of("issued by " + cert.getIssuerX500Principal().getName() + ", not the requiredCA");
    }
    return fips() ? AlgorithmRegistry.fipsRefusal(cert.getPublicKey()).map(p -> p + ", refused by FIPSMode")
        : AlgorithmRegistry.keyWeakness(cert.getPublicKey());
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
    if (!request.continueEncryption() || readers.isEmpty()) {
      throw new PolicyViolationException(dce, cannotRead, "no usable certificate for " + list
          + (readers.isEmpty() ? "; nobody could read it" : "; --continue-encryption sends it to the others"));
    }
    decide("recipients", "cannot read it: " + String.join(", ", cannotRead), Optional.of(dce),
        (policy.isSet(dce) ? "set to 0" : "absent") + ", the person chose to continue: " + list);
  }

  private void sentCopy(List<X509Certificate> to) {
    X509Certificate own = request.settings().encryptionCertificate();
    Optional<String> problem = unusable(own);
    if (problem.isEmpty() && !to.contains(own)) {
      to.add(own);
    }
    decide("sent copy", problem.isEmpty() ? "readable" : "not readable", Optional.empty(),
        problem.map(p -> "own certificate: " + p).orElse("encrypted to the sender's own certificate too"));
  }

  /** The person's preferred cipher, else the strongest, that every reader supports and MinEncKey (and FIPSMode) allow. */
  private ContentCipher cipher(List<ComposeRequest.Recipient> readers) {
    int min = policy.effective(PolicySetting.MIN_ENC_KEY);
    ContentCipher preferred = request.settings().preferredCipher();
    Optional<ContentCipher> chosen = Stream.concat(Stream.of(preferred), RANKED.stream())
        .filter(c -> c.keyBits() >= min)
        .filter(c -> !fips() || AlgorithmRegistry.fipsApproved(c))
        .filter(c -> readers.stream().allMatch(r -> reads(r, c, min))).findFirst();
    String source = policy.isSet(PolicySetting.MIN_ENC_KEY) ? "set" : "absent, default";
    ContentCipher cipher = chosen.orElseThrow(() -> new PolicyViolationException(PolicySetting.MIN_ENC_KEY,
        readers.stream().map(ComposeRequest.Recipient::address).toList(),
        "no cipher of at least " + min + " bits that every recipient reads"));
    decide("cipher", cipher.displayName(), Optional.of(PolicySetting.MIN_ENC_KEY), "minimum " + min + " bits ("
        + source + "); " + (cipher == preferred ? "the sender's preferred cipher, which every recipient reads"
        : "the strongest every recipient reads (AES-128-GCM when their capabilities are unknown)"));
    return cipher;
  }

  /**
   * Unknown capabilities: AES-128-GCM, or AES-256-GCM when MinEncKey demands more than 128 bits; a
   * preferred GCM cipher is taken too, as the person chose it.
   */
  private boolean reads(ComposeRequest.Recipient r, ContentCipher c, int min) {
    if (!r.capabilities().isEmpty()) {
      return r.capabilities().contains(c);
    }
    boolean preferredGcm = c == request.settings().preferredCipher() && c.authenticated();
    return preferredGcm || c == (min > 128 ? ContentCipher.AES_256_GCM : ContentCipher.AES_128_GCM);
  }

  /** FIPSMode: RSA-OAEP, since SP 800-131A no longer approves PKCS#1 v1.5 key transport. */
  private KeyTransport keyTransport() {
    if (fips()) {
      decide("key transport", "RSA-OAEP", Optional.of(PolicySetting.FIPS_MODE), "set to 1, PKCS#1 v1.5 is not approved");
      return KeyTransport.RSA_OAEP;
    }
    return KeyTransport.RSA_PKCS1_V1_5;
  }

  private boolean fips() {
    return policy.effective(PolicySetting.FIPS_MODE) == 1;
  }

  private Optional<X500Principal> requiredCa() {
    return policy.string(PolicySetting.REQUIRED_CA).map(X500Principal::new);
  }

  private boolean fromRequiredCa(X509Certificate cert) {
    return requiredCa().map(ca -> ca.equals(cert.getIssuerX500Principal())).orElse(true);
  }

  private void decide(String subject, String outcome, Optional<PolicySetting> setting, String reason) {
    decisions.add(new Decision(subject, outcome, setting, reason));
  }
}
