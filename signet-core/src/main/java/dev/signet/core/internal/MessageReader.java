package dev.signet.core.internal;

import dev.signet.core.AlgorithmPolicy;
import dev.signet.core.ContentCipher;
import dev.signet.core.DecryptionFailedException;
import dev.signet.core.DigestAlgorithm;
import dev.signet.core.DigitalId;
import dev.signet.core.KeyUnavailableException;
import dev.signet.core.Layer;
import dev.signet.core.Limits;
import dev.signet.core.MalformedInputException;
import dev.signet.core.Problem;
import dev.signet.core.ProblemCode;
import dev.signet.core.ProtectedHeaders;
import dev.signet.core.ReadOptions;
import dev.signet.core.SecurityReport;
import dev.signet.core.Severity;
import dev.signet.core.SignerReport;
import dev.signet.core.SmimeException;
import dev.signet.core.UnsignedFooter;
import dev.signet.core.UnsupportedAlgorithmException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1SequenceParser;
import org.bouncycastle.asn1.ASN1StreamParser;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfoParser;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAuthEnvelopedDataParser;
import org.bouncycastle.cms.CMSCompressedDataParser;
import org.bouncycastle.cms.CMSEnvelopedDataParser;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataParser;
import org.bouncycastle.cms.CMSTypedStream;
import org.bouncycastle.cms.KEMRecipientInformation;
import org.bouncycastle.cms.KeyAgreeRecipientInformation;
import org.bouncycastle.cms.KeyTransRecipientInformation;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceKEMEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.ZlibExpanderProvider;

/**
 * Reads a message layer by layer in one streaming pass: clear and opaque signatures, enveloped and
 * authenticated-enveloped data, compressed data, in any nesting, building the security report.
 */
public final class MessageReader {
  private static final int MAX_SIGNATURE_BYTES = 16 << 20;
  private static final byte[] PEM_BEGIN = "-----BEGIN".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CRLF = {'\r', '\n'};
  private final ReadOptions options;
  private final Limits limits;
  private final Clock clock;
  private final SecureRandom random;
  private final List<Layer> layers = new ArrayList<>();
  private final List<SignerReport> signers = new ArrayList<>();
  private final List<Problem> problems = new ArrayList<>();
  private final CallerStreams caller = new CallerStreams();
  private Optional<ClaimedIdentity> identity = Optional.empty();
  /** The message's header fields, held until the payload root shows whether protected ones replace them. */
  private Optional<HeaderBlock> pendingOuter = Optional.empty();
  private Optional<ProtectedHeaders> protectedHeaders = Optional.empty();
  private Optional<UnsignedFooter> unsignedFooter = Optional.empty();
  private int parts;
  private int encryptionDepth;
  private int openMixed;

  public MessageReader(ReadOptions options, Limits limits, Clock clock, SecureRandom random) {
    this.options = options;
    this.limits = limits;
    this.clock = clock;
    this.random = random;
  }

  public SecurityReport read(InputStream message, OutputStream content) throws IOException {
    MimeInput in = new MimeInput(caller.watch(message));
    OutputStream out = caller.watch(content);
    try {
      int first = in.peek();
      if (first < 0) {
        throw new MalformedInputException("the input is empty");
      }
      Coverage coverage;
      if (first == 0x30) {
        coverage = readCms(in.rest(), out, true, 0);
      } else if (in.startsWith(PEM_BEGIN)) {
        coverage = readCms(PemBody.open(in), out, true, 0);
      } else {
        coverage = readMessage(in, out);
      }
      judgeCoverage(coverage);
    } catch (SmimeException e) {
      throw e;
    } catch (CMSException | RuntimeException e) {
      throw new MalformedInputException("malformed CMS: " + describe(e), e);
    } catch (IOException e) {
      if (caller.failed()) {
        throw e;
      }
      throw new MalformedInputException("malformed input: " + describe(e), e);
    }
    if (options.depth() != ReadOptions.Depth.DECRYPT && (countSigned() == 0 || signers.isEmpty())) {
      problems.add(Problem.of(ProblemCode.NOT_SIGNED, countSigned() == 0 ? "the message is not signed"
          : "the message is not signed: its signed layer has no signers"));
    }
    return new SecurityReport(layers, signers, ReadPolicy.apply(problems, layers, signers, options.policy()),
        protectedHeaders, unsignedFooter);
  }

  /**
   * PARTIALLY_SIGNED when a good signature covers only some of the displayed content (MIME wrapping:
   * a signed part beside unsigned ones, a signed message forwarded inside an unsigned one).
   */
  private void judgeCoverage(Coverage coverage) {
    if (coverage.signed() && coverage.unsigned()) {
      problems.add(Problem.of(ProblemCode.PARTIALLY_SIGNED,
          "only part of the message is signed: the parts beside the signed one are not covered by any signature"));
    }
  }

  private Coverage readMessage(MimeInput in, OutputStream out) throws IOException, CMSException {
    if (!HeaderBlock.startsHeaders(in)) {
      throw new MalformedInputException("not an RFC 5322 message or CMS: the first line is not a header field");
    }
    HeaderBlock headers = HeaderBlock.read(in, limits);
    identity = Optional.of(ClaimedIdentity.of(headers));
    Optional<String> from = identity.get().firstFromAddress();
    if (headers.first("From").isPresent() && from.isEmpty()) {
      problems.add(Problem.of(ProblemCode.NO_FROM_ADDRESS, "the From field holds no address"));
    } else if (headers.first("From").isEmpty()) {
      problems.add(Problem.of(ProblemCode.NO_FROM_ADDRESS, "the message has no From field"));
    }
    pendingOuter = Optional.of(headers.filter(f -> !f.isContentField() && !f.is("MIME-Version")));
    Coverage coverage = readEntity(headers.filter(HeaderField::isContentField), in, out, 0);
    writeMessageHeaders(out);
    return coverage;
  }

  /** The message's own header fields, unless written already: before the content, whatever it is. */
  private void writeMessageHeaders(OutputStream out) throws IOException {
    writeMessageHeaders(pendingOuter.orElse(HeaderBlock.empty()), out);
  }

  private void writeMessageHeaders(HeaderBlock fields, OutputStream out) throws IOException {
    if (pendingOuter.isEmpty()) {
      return;
    }
    pendingOuter = Optional.empty();
    fields.writeCanonical(out);
    out.write("MIME-Version: 1.0\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * The root of the cryptographic payload (the first entity that is no layer, reached through
   * layers): when it carries protected header fields (RFC 9788, or protected-headers="v1"), they are
   * the message's, written in place of those outside, bind the signature, and are reported; where the
   * outside disagrees, that is a problem. Returns the root's own fields, for the entity to be written.
   */
  private HeaderBlock payloadRoot(HeaderBlock headers, OutputStream out) throws IOException {
    if (pendingOuter.isEmpty()) {
      return headers;
    }
    HeaderBlock outer = pendingOuter.get();
    Optional<ProtectedHeaders> found = layers.isEmpty() ? Optional.empty() : HeaderProtection.read(headers);
    if (found.isEmpty()) {
      writeMessageHeaders(outer, out);
      return headers;
    }
    protectedHeaders = found;
    HeaderProtection.mismatches(outer, headers, found.get())
        .forEach(m -> problems.add(Problem.of(ProblemCode.PROTECTED_HEADER_MISMATCH, m)));
    HeaderBlock inner = HeaderProtection.inner(headers);
    if (inner.first("From").isPresent()) {
      identity = Optional.of(ClaimedIdentity.of(inner));
    }
    writeMessageHeaders(inner, out);
    return headers.filter(HeaderField::isContentField);
  }

  /** Reads one MIME entity, descending into multiparts and forwarded messages to find every layer. */
  private Coverage readEntity(HeaderBlock headers, MimeInput body, OutputStream out, int depth)
      throws IOException, CMSException {
    if (depth > limits.maxDepth()) {
      throw new MalformedInputException("nesting deeper than " + limits.maxDepth());
    }
    ContentType type = headers.contentType();
    if (type.is("multipart/signed") && isSmimeProtocol(type)) {
      return readClearSigned(type, body, out, depth);
    }
    if (type.isPkcs7Mime()) {
      try (ReadAheadStream cms = new ReadAheadStream(decoded(headers, body))) {
        return readCms(cms, out, false, depth);
      }
    }
    if (type.is("multipart/signed")) {
      problems.add(Problem.of(ProblemCode.MALFORMED, "multipart/signed with protocol \""
          + type.parameter("protocol").orElse("") + "\" is not S/MIME: its signature is not checked"));
    }
    HeaderBlock own = payloadRoot(headers, out);
    if (type.isMultipart() && type.parameter("boundary").isPresent()) {
      return readMultipart(own, type.parameter("boundary").get(), body, out, depth);
    }
    if (type.is("message/rfc822")) {
      return readForwarded(own, body, out, depth);
    }
    return readLeaf(own, body, out);
  }

  private static boolean isSmimeProtocol(ContentType type) {
    String protocol = type.parameter("protocol").orElse("").toLowerCase(java.util.Locale.ROOT);
    return protocol.equals("application/pkcs7-signature") || protocol.equals("application/x-pkcs7-signature");
  }

  private Coverage readLeaf(HeaderBlock headers, MimeInput body, OutputStream out) throws IOException {
    boolean legacyDisplay = protectedHeaders.isPresent() && !headers.transferEncoding().equals("base64")
        && headers.contentType().parameter("hp-legacy-display").filter("1"::equals).isPresent();
    if (legacyDisplay) {
      HeaderProtection.withoutLegacyDisplay(headers).writeCanonical(out);
      HeaderProtection.skipLegacyDisplay(body, limits);
    } else {
      headers.writeCanonical(out);
    }
    out.write(CRLF);
    body.rest().transferTo(out);
    return Coverage.LEAF;
  }

  /**
   * A multipart other than multipart/signed: each part read in turn and written between fresh
   * delimiters (preamble and epilogue are not content and are dropped).
   */
  private Coverage readMultipart(HeaderBlock headers, String boundary, MimeInput body, OutputStream out, int depth)
      throws IOException, CMSException {
    headers.writeCanonical(out);
    out.write(CRLF);
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    MimeInput.PartStream preamble = body.partUntil(boundary, true);
    preamble.transferTo(OutputStream.nullOutputStream());
    List<Coverage> covered = new ArrayList<>();
    boolean lastIsText = false;
    boolean more = preamble.found() && !preamble.closing();
    if (encryptionDepth == 0) {
      openMixed++;
    }
    try {
      while (more) {
        countPart();
        MimeInput.PartStream part = body.partUntil(boundary, false);
        MimeInput partInput = new MimeInput(part);
        out.write(delimiter);
        out.write(CRLF);
        HeaderBlock partHeaders = HeaderBlock.read(partInput, limits);
        lastIsText = isInlineText(partHeaders);
        covered.add(readEntity(partHeaders, partInput, out, depth + 1));
        partInput.rest().transferTo(OutputStream.nullOutputStream());
        out.write(CRLF);
        more = part.found() && !part.closing();
      }
    } finally {
      if (encryptionDepth == 0) {
        openMixed--;
      }
    }
    out.write(delimiter);
    out.write("--\r\n".getBytes(StandardCharsets.US_ASCII));
    body.rest().transferTo(OutputStream.nullOutputStream());
    if (depth == 0 && headers.contentType().is("multipart/mixed") && isListFooter(covered, lastIsText)) {
      unsignedFooter = Optional.of(new UnsignedFooter("text/plain"));
      problems.add(new Problem(ProblemCode.PARTIALLY_SIGNED, Severity.WARNING, Optional.empty(), "a footer"
          + " (text/plain) follows the signed part, as mailing lists append one: it is not covered by the signature"));
      return covered.get(0);
    }
    return covered.stream().reduce(Coverage.NONE, Coverage::and);
  }

  /**
   * The message's root holds a wholly signed entity, then one inline text/plain part: a mailing list's
   * footer. Any other mix (text before the signed part, an attachment, HTML) stays MIME wrapping.
   */
  private static boolean isListFooter(List<Coverage> covered, boolean lastIsText) {
    return covered.size() == 2 && covered.get(0).signed() && !covered.get(0).unsigned()
        && covered.get(1).equals(Coverage.LEAF) && lastIsText;
  }

  private static boolean isInlineText(HeaderBlock headers) {
    return headers.contentType().is("text/plain") && headers.first("Content-Disposition")
        .filter(d -> !d.value().strip().toLowerCase(java.util.Locale.ROOT).startsWith("inline")).isEmpty();
  }

  /** A forwarded message: its own From binds the signatures inside it. */
  private Coverage readForwarded(HeaderBlock headers, MimeInput body, OutputStream out, int depth)
      throws IOException, CMSException {
    headers.writeCanonical(out);
    out.write(CRLF);
    if (body.peek() < 0 || !HeaderBlock.startsHeaders(body)) {
      body.rest().transferTo(out);
      return Coverage.LEAF;
    }
    HeaderBlock inner = HeaderBlock.read(body, limits);
    inner.filter(f -> !f.isContentField()).writeCanonical(out);
    Optional<ClaimedIdentity> outer = identity;
    identity = Optional.of(ClaimedIdentity.of(inner));
    try {
      return readEntity(inner.filter(HeaderField::isContentField), body, out, depth + 1);
    } finally {
      identity = outer;
    }
  }

  private void countPart() {
    if (++parts > limits.maxParts()) {
      throw new MalformedInputException("more than " + limits.maxParts() + " MIME parts");
    }
  }

  private static InputStream decoded(HeaderBlock headers, MimeInput body) {
    return switch (headers.transferEncoding()) {
      case "base64" -> new Base64Decoding(body.rest());
      case "quoted-printable" -> new QuotedPrintableInputStream(body.rest());
      case "7bit", "8bit", "binary" -> body.rest();
      default -> throw new MalformedInputException("unknown Content-Transfer-Encoding: " + headers.transferEncoding());
    };
  }

  /**
   * A clear-signed entity. A malformed one (no boundary, not exactly two parts, a signature part
   * that is not a SignedData) is a MALFORMED problem in the report rather than unreadable input.
   */
  private Coverage readClearSigned(ContentType type, MimeInput body, OutputStream out, int depth)
      throws IOException, CMSException {
    Optional<String> boundary = type.parameter("boundary");
    boolean delimited = false;
    if (boundary.isPresent()) {
      MimeInput.PartStream preamble = body.partUntil(boundary.get(), true);
      preamble.transferTo(OutputStream.nullOutputStream());
      delimited = preamble.found();
    }
    if (!delimited) {
      problems.add(Problem.of(ProblemCode.MALFORMED, "multipart/signed without a part delimited by its boundary"));
      body.rest().transferTo(OutputStream.nullOutputStream());
      return Coverage.NONE;
    }
    int layer = layers.size();
    layers.add(new Layer.Signed(Layer.SignedFormat.CLEAR));
    Map<DigestAlgorithm, MessageDigest> digests = digestsFor(type.parameter("micalg").orElse(""));
    MimeInput.PartStream content = body.partUntil(boundary.get(), false);
    WriteBehindStream hashing = new WriteBehindStream(new DigestSink(digests.values()));
    MimeInput signedPart = new MimeInput(new TeeInputStream(content, new CrlfOutputStream(hashing)));
    Coverage inner = readEntity(HeaderBlock.read(signedPart, limits), signedPart, out, depth + 1);
    signedPart.rest().transferTo(OutputStream.nullOutputStream());
    hashing.close();
    if (!content.found() || content.closing()) {
      layers.remove(layer);
      problems.add(Problem.of(ProblemCode.MALFORMED,
          "multipart/signed must have two parts, the content and the signature; this one has no signature"));
      return inner;
    }
    Optional<byte[]> signature = readSignaturePart(body, boundary.get());
    Map<ASN1ObjectIdentifier, byte[]> hashes = new LinkedHashMap<>();
    digests.forEach((alg, md) -> hashes.put(new ASN1ObjectIdentifier(alg.oid()), md.digest()));
    signature.ifPresent(sig -> verifyDetached(hashes, sig));
    return inner.signedWhole();
  }

  /** The signature part's bytes, or empty (with the problem recorded) if it is not one. */
  private Optional<byte[]> readSignaturePart(MimeInput body, String boundary) throws IOException {
    MimeInput.PartStream signaturePart = body.partUntil(boundary, false);
    MimeInput sigInput = new MimeInput(signaturePart);
    HeaderBlock sigHeaders = HeaderBlock.read(sigInput, limits);
    byte[] signature = readBounded(decoded(sigHeaders, sigInput), MAX_SIGNATURE_BYTES, "signature");
    sigInput.rest().transferTo(OutputStream.nullOutputStream());
    if (!signaturePart.found()) {
      problems.add(Problem.of(ProblemCode.MALFORMED, "multipart/signed ends without its close delimiter"));
    } else if (!signaturePart.closing()) {
      problems.add(Problem.of(ProblemCode.MALFORMED,
          "multipart/signed must have exactly two parts: what follows the signature is covered by nothing"));
    }
    body.rest().transferTo(OutputStream.nullOutputStream());
    ContentType sigType = sigHeaders.contentType();
    if (!sigType.is("application/pkcs7-signature") && !sigType.is("application/x-pkcs7-signature")) {
      problems.add(Problem.of(ProblemCode.MALFORMED,
          "the second part of multipart/signed is " + sigType.type() + ", not application/pkcs7-signature"));
      return Optional.empty();
    }
    return Optional.of(signature);
  }

  private void verifyDetached(Map<ASN1ObjectIdentifier, byte[]> hashes, byte[] signature) {
    CMSSignedData signed;
    try {
      signed = new CMSSignedData(hashes, signature);
      signed.getSignerInfos();
    } catch (CMSException | RuntimeException e) {
      problems.add(Problem.of(ProblemCode.MALFORMED,
          "the signature part is not a readable CMS SignedData: " + describe(e)));
      return;
    }
    if (hasEncapsulatedContent(signed)) {
      problems.add(carriesDisplayedPart(signed, hashes)
          ? Problem.of(ProblemCode.EMBEDDED_CONTENT, "the signature part also carries the content it signs,"
              + " the same as the part displayed beside it; verified against the displayed part")
          : Problem.of(ProblemCode.BAD_SIGNATURE, "the signature part carries content of its own (eContent):"
              + " what it signs is not the part displayed beside it"));
    }
    var infos = signed.getSignerInfos().getSigners();
    checkSignerCount(infos.size());
    record(verifier().verify(infos, signed.getCertificates(), identity,
        oid -> hashes.containsKey(new ASN1ObjectIdentifier(oid))));
  }

  /**
   * Whether the content a clear signature carries is the displayed part (CRLF-canonical), as
   * pyca/cryptography writes without its detached option; anything else is eContent confusion.
   */
  private static boolean carriesDisplayedPart(CMSSignedData signed, Map<ASN1ObjectIdentifier, byte[]> hashes) {
    byte[] carried = org.bouncycastle.asn1.cms.SignedData.getInstance(signed.toASN1Structure().getContent())
        .getEncapContentInfo().getContent() instanceof org.bouncycastle.asn1.ASN1OctetString octets
            ? octets.getOctets() : new byte[0];
    for (DigestAlgorithm d : DigestAlgorithm.values()) {
      byte[] displayed = hashes.get(new ASN1ObjectIdentifier(d.oid()));
      if (displayed != null) {
        MessageDigest md = newDigest(d);
        try (OutputStream canonical = new CrlfOutputStream(new DigestSink(List.of(md)))) {
          canonical.write(carried);
        } catch (IOException e) {
          throw new UncheckedIOException(e); // a digest does not fail
        }
        return MessageDigest.isEqual(md.digest(), displayed);
      }
    }
    return false;
  }

  /** eContent confusion ("Johnny, You Are Fired", CMS class): a detached signature that carries content. */
  private static boolean hasEncapsulatedContent(CMSSignedData signed) {
    var content = signed.toASN1Structure().getContent();
    return org.bouncycastle.asn1.cms.SignedData.getInstance(content).getEncapContentInfo().getContent() != null;
  }

  /**
   * Digests named by micalg; when it names none we know (RFC 3851 spelled SHA-1 "sha1"), every digest
   * we know. Legacy ones are computed too: the signer verifier decides whether they are accepted.
   */
  private Map<DigestAlgorithm, MessageDigest> digestsFor(String micalg) {
    Map<DigestAlgorithm, MessageDigest> digests = new LinkedHashMap<>();
    for (String name : micalg.split(",")) {
      // A legacy digest named here is still computed: the signer verifier decides whether it is accepted.
      DigestAlgorithm.fromMicalg(name).ifPresent(d -> digests.put(d, newDigest(d)));
    }
    if (digests.isEmpty()) {
      for (DigestAlgorithm d : DigestAlgorithm.values()) {
        digests.put(d, newDigest(d));
      }
    }
    return digests;
  }

  private static MessageDigest newDigest(DigestAlgorithm d) {
    try {
      return MessageDigest.getInstance(d.jcaName());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + d.jcaName(), e);
    }
  }

  private Coverage readCms(InputStream raw, OutputStream out, boolean bare, int depth)
      throws IOException, CMSException {
    if (depth > limits.maxDepth()) {
      throw new MalformedInputException("nesting deeper than " + limits.maxDepth());
    }
    BufferedInputStream in = new BufferedInputStream(raw, 16 * 1024);
    ASN1ObjectIdentifier type = peekContentType(in);
    try {
      if (type.equals(CMSObjectIdentifiers.signedData)) {
        return readSignedData(in, out, bare, depth);
      } else if (type.equals(CMSObjectIdentifiers.envelopedData)) {
        return readEnveloped(in, out, bare, depth, false);
      } else if (type.equals(CMSObjectIdentifiers.authEnvelopedData)) {
        return readEnveloped(in, out, bare, depth, true);
      } else if (type.equals(CMSObjectIdentifiers.compressedData)) {
        CMSTypedStream content = new CMSCompressedDataParser(in).getContent(new ZlibExpanderProvider(limits.maxDecompressedBytes()));
        Coverage inner = readInner(content.getContentStream(), out, bare, depth);
        content.drain();
        return inner;
      }
    } catch (SmimeException e) {
      throw e;
    } catch (CMSException | RuntimeException e) {
      // Bouncy Castle parses lazily: a wrong element surfaces as a ClassCastException or IllegalStateException.
      throw new MalformedInputException("malformed CMS " + contentTypeName(type) + ": " + describe(e), e);
    }
    throw new UnsupportedAlgorithmException("unsupported CMS content type " + type);
  }

  private static String contentTypeName(ASN1ObjectIdentifier type) {
    if (type.equals(CMSObjectIdentifiers.signedData)) {
      return "SignedData";
    } else if (type.equals(CMSObjectIdentifiers.envelopedData)) {
      return "EnvelopedData";
    } else if (type.equals(CMSObjectIdentifiers.authEnvelopedData)) {
      return "AuthEnvelopedData";
    }
    return "CompressedData";
  }

  private static ASN1ObjectIdentifier peekContentType(BufferedInputStream in) throws IOException {
    in.mark(4096);
    try {
      var seq = (ASN1SequenceParser) new ASN1StreamParser(in).readObject();
      if (seq == null) {
        throw new MalformedInputException("the CMS input is empty");
      }
      return new ContentInfoParser(seq).getContentType();
    } catch (ClassCastException | IllegalStateException | IOException e) {
      throw new MalformedInputException("not a CMS ContentInfo: " + describe(e), e);
    } finally {
      in.reset();
    }
  }

  private Coverage readSignedData(InputStream in, OutputStream out, boolean bare, int depth)
      throws IOException, CMSException {
    CMSSignedDataParser parser;
    Layer.SignedFormat format;
    if (bare && options.detachedContent().isPresent()) {
      byte[] signature = readBounded(in, MAX_SIGNATURE_BYTES, "detached signature");
      parser = new CMSSignedDataParser(AlgorithmRegistry.contentDigests(),
          new CMSTypedStream(caller.watch(options.detachedContent().get())), signature);
      format = Layer.SignedFormat.DETACHED;
    } else {
      parser = new CMSSignedDataParser(AlgorithmRegistry.contentDigests(), in);
      format = Layer.SignedFormat.OPAQUE;
    }
    CMSTypedStream content = parser.getSignedContent();
    if (content == null) {
      var infos = parser.getSignerInfos().getSigners();
      if (!infos.isEmpty()) {
        throw new MalformedInputException("a detached signature without its content: give the signed data with --content");
      }
      // A certificates-only SignedData (no content, no signers): a signed layer that nobody signed.
      layers.add(new Layer.Signed(format));
      record(verifier().verify(infos, parser.getCertificates(), Optional.empty()));
      return Coverage.NONE;
    }
    layers.add(new Layer.Signed(format));
    Coverage inner = readInner(content.getContentStream(), out, bare, depth);
    content.drain();
    var infos = parser.getSignerInfos().getSigners();
    checkSignerCount(infos.size());
    record(verifier().verify(infos, parser.getCertificates(), bare ? Optional.empty() : identity));
    return inner.signedWhole();
  }

  private Coverage readEnveloped(InputStream in, OutputStream out, boolean bare, int depth, boolean authenticated)
      throws IOException, CMSException {
    var parser = authenticated ? new CMSAuthEnvelopedDataParser(in) : new CMSEnvelopedDataParser(in);
    String oid = authenticated ? ((CMSAuthEnvelopedDataParser) parser).getEncAlgOID()
        : ((CMSEnvelopedDataParser) parser).getEncryptionAlgOID();
    ContentCipher cipher = ContentCipher.fromOid(oid)
        .orElseThrow(() -> new UnsupportedAlgorithmException("content encrypted with an unknown algorithm " + oid));
    layers.add(new Layer.Encrypted(cipher));
    boolean embedded = encryptionDepth == 0 && openMixed > 0;
    if (embedded) {
      problems.add(Problem.of(ProblemCode.PARTIALLY_ENCRYPTED, "an encrypted part sits among unencrypted parts:"
          + " its plaintext is withheld, never shown or written beside them (EFAIL direct exfiltration)"));
    }
    if (options.depth() == ReadOptions.Depth.VERIFY) {
      problems.add(Problem.of(ProblemCode.NO_DECRYPTION_KEY,
          "the message is encrypted; read or decrypt it with a digital ID to see inside"));
      return Coverage.ENCRYPTED;
    }
    OutputStream sink = embedded ? OutputStream.nullOutputStream() : out;
    checkCipherAllowed(cipher);
    var recipientInfos = authenticated ? ((CMSAuthEnvelopedDataParser) parser).getRecipientInfos()
        : ((CMSEnvelopedDataParser) parser).getRecipientInfos();
    if (recipientInfos.size() > limits.maxRecipients()) {
      throw new MalformedInputException("more than " + limits.maxRecipients() + " recipients");
    }
    int signedLayersBefore = countSigned();
    Optional<CMSTypedStream> opened = decrypt(recipientInfos.getRecipients(), authenticated, cipher);
    if (opened.isEmpty()) {
      return Coverage.ENCRYPTED;
    }
    CMSTypedStream plain = opened.get();
    Coverage inner = Coverage.LEAF;
    encryptionDepth++;
    try {
      if (options.depth() == ReadOptions.Depth.DECRYPT) {
        writeMessageHeaders(sink);
        plain.getContentStream().transferTo(sink);
      } else {
        inner = readInner(plain.getContentStream(), sink, bare, depth);
      }
      plain.drain();
    } catch (StreamingGcmDecryptor.TagMismatchException e) {
      throw new DecryptionFailedException("authentication tag mismatch: the encrypted message was altered", e);
    } catch (IOException e) {
      if (e.getCause() instanceof GeneralSecurityException) {
        throw new DecryptionFailedException("decryption failed: the message was altered or the key is wrong", e);
      }
      throw e;
    } finally {
      encryptionDepth--;
    }
    if (!cipher.authenticated() && options.depth() == ReadOptions.Depth.ALL && countSigned() == signedLayersBefore) {
      problems.add(Problem.of(ProblemCode.UNAUTHENTICATED_ENCRYPTION,
          cipher.displayName() + " has no integrity protection and no signature inside covers the content"));
    }
    return inner.encryptedWhole();
  }

  private void checkCipherAllowed(ContentCipher cipher) {
    if (!cipher.isLegacy()) {
      return;
    }
    if (options.algorithms() != AlgorithmPolicy.LEGACY_READ) {
      throw new UnsupportedAlgorithmException("the message is encrypted with " + cipher.displayName()
          + ", a legacy cipher; it is read only under the legacy algorithm setting");
    }
    problems.add(new Problem(ProblemCode.WEAK_ENCRYPTION, Severity.WARNING, Optional.of("legacy algorithms"),
        "encrypted with " + cipher.displayName() + ", a weak legacy cipher"));
  }

  /**
   * The plaintext, opened with the first given digital ID that is a recipient. Without one, a
   * signature around the encryption is still judged: the missing key is a problem in its report.
   * Only when nothing outside could be judged (or the caller wants the plaintext alone) is it thrown.
   */
  private Optional<CMSTypedStream> decrypt(java.util.Collection<RecipientInformation> recipients,
      boolean authenticated, ContentCipher cipher) throws CMSException, IOException {
    for (DigitalId id : options.keys()) {
      JcaX509CertificateHolder holder;
      try {
        holder = new JcaX509CertificateHolder(id.certificate());
      } catch (CertificateEncodingException e) {
        continue;
      }
      for (RecipientInformation info : recipients) {
        if (info.getRID().match(holder)) {
          AlgorithmRegistry.checkKeyAgreement(info.getKeyEncryptionAlgOID(), id.privateKey());
          try {
            return Optional.of(info.getContentStream(recipientFor(info, id, authenticated, cipher)));
          } catch (CMSException e) {
            throw new DecryptionFailedException("cannot decrypt with " + id + ": " + describe(e), e);
          }
        }
      }
    }
    String missing = options.keys().isEmpty() ? "the message is encrypted and no digital ID was given to decrypt it"
        : "no digital ID given matches any of the message's " + recipients.size() + " recipients";
    if (options.depth() == ReadOptions.Depth.DECRYPT || countSigned() == 0) {
      throw new KeyUnavailableException(missing);
    }
    problems.add(Problem.of(ProblemCode.NO_DECRYPTION_KEY, missing + ": what the encrypted part holds is not judged"));
    return Optional.empty();
  }

  private static Recipient recipientFor(RecipientInformation info, DigitalId id, boolean authenticated,
      ContentCipher cipher) {
    Provider content = cipher.isLegacy() ? AlgorithmRegistry.bc() : Security.getProvider("SunJCE");
    if (info instanceof KeyTransRecipientInformation) {
      return authenticated ? StreamingGcmRecipients.keyTransport(id.privateKey())
          : new JceKeyTransEnvelopedRecipient(id.privateKey()).setProvider(AlgorithmRegistry.bc())
              .setContentProvider(content);
    }
    if (info instanceof KeyAgreeRecipientInformation) {
      return authenticated ? StreamingGcmRecipients.keyAgreement(id.privateKey())
          : new JceKeyAgreeEnvelopedRecipient(id.privateKey()).setProvider(AlgorithmRegistry.bc())
              .setContentProvider(content);
    }
    if (info instanceof KEMRecipientInformation) {
      return authenticated ? StreamingGcmRecipients.kem(id.privateKey())
          : new JceKEMEnvelopedRecipient(PostQuantum.usable(id.privateKey())).setProvider(AlgorithmRegistry.bc())
              .setContentProvider(content);
    }
    throw new UnsupportedAlgorithmException("unsupported recipient type " + info.getClass().getSimpleName());
  }

  private Coverage readInner(InputStream content, OutputStream out, boolean bare, int depth)
      throws IOException, CMSException {
    if (bare) {
      content.transferTo(out);
      return Coverage.LEAF;
    }
    MimeInput inner = new MimeInput(content);
    if (inner.peek() >= 0 && !HeaderBlock.startsHeaders(inner)) {
      // Not a MIME entity (some tools sign raw text): it is content as it stands.
      writeMessageHeaders(out);
      inner.rest().transferTo(out);
      return Coverage.LEAF;
    }
    Coverage coverage = readEntity(HeaderBlock.read(inner, limits), inner, out, depth + 1);
    inner.rest().transferTo(OutputStream.nullOutputStream());
    return coverage;
  }

  private SignerVerifier verifier() {
    return new SignerVerifier(options, limits, clock.instant());
  }

  private void record(SignerVerifier.Outcome outcome) {
    signers.addAll(outcome.signers());
    problems.addAll(outcome.problems());
  }

  private void checkSignerCount(int n) {
    if (n > limits.maxSigners()) {
      throw new MalformedInputException("more than " + limits.maxSigners() + " signers");
    }
  }

  private int countSigned() {
    return (int) layers.stream().filter(l -> l instanceof Layer.Signed).count();
  }

  private static byte[] readBounded(InputStream in, int max, String what) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int r;
    while ((r = in.read(buf)) >= 0) {
      out.write(buf, 0, r);
      if (out.size() > max) {
        throw new MalformedInputException("the " + what + " is larger than " + max + " bytes");
      }
    }
    return out.toByteArray();
  }

  static String describe(Throwable e) {
    return ErrorText.of(e);
  }

  /**
   * What the displayed content of an entity holds: parts covered by a signature or not, by
   * encryption or not. A layer covers everything below it.
   */
  private record Coverage(boolean signed, boolean unsigned, boolean encrypted, boolean unencrypted) {
    static final Coverage NONE = new Coverage(false, false, false, false);
    static final Coverage LEAF = new Coverage(false, true, false, true);
    static final Coverage ENCRYPTED = new Coverage(false, false, true, false);

    Coverage and(Coverage o) {
      return new Coverage(signed || o.signed, unsigned || o.unsigned, encrypted || o.encrypted,
          unencrypted || o.unencrypted);
    }

    Coverage signedWhole() {
      return new Coverage(signed || unsigned, false, encrypted, unencrypted);
    }

    Coverage encryptedWhole() {
      return new Coverage(signed, unsigned, encrypted || unencrypted, false);
    }
  }
}
