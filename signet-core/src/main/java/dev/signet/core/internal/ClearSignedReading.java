package dev.signet.core.internal;

import dev.signet.core.DigestAlgorithm;
import dev.signet.core.Layer;
import dev.signet.core.Limits;
import dev.signet.core.Problem;
import dev.signet.core.ProblemCode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;

/**
 * Reads a clear-signed entity (multipart/signed): the content part digested as it streams through,
 * then the detached signature checked against those digests. A malformed one (no boundary, not
 * exactly two parts, a signature part that is not a SignedData) is a MALFORMED problem in the report
 * rather than unreadable input.
 */
final class ClearSignedReading {
  private final Reading reading;
  private final Limits limits;
  private final EntityReader entities;

  ClearSignedReading(Reading reading, EntityReader entities) {
    this.reading = reading;
    this.limits = reading.limits();
    this.entities = entities;
  }

  Coverage read(ContentType type, MimeInput body, OutputStream out, int depth) throws IOException, CMSException {
    Optional<String> boundary = type.parameter("boundary");
    if (!reachedFirstPart(boundary, body)) {
      reading.report().add(Problem.of(ProblemCode.MALFORMED,
          "multipart/signed without a part delimited by its boundary"));
      body.rest().transferTo(OutputStream.nullOutputStream());
      return Coverage.NONE;
    }
    int layer = reading.report().addLayer(new Layer.Signed(Layer.SignedFormat.CLEAR));
    Map<DigestAlgorithm, MessageDigest> digests = digestsFor(type.parameter("micalg").orElse(""));
    MimeInput.PartStream content = body.partUntil(boundary.get(), false);
    WriteBehindStream hashing = new WriteBehindStream(new DigestSink(digests.values()));
    MimeInput signedPart = new MimeInput(new TeeInputStream(content, new CrlfOutputStream(hashing)));
    Coverage inner = entities.read(HeaderBlock.read(signedPart, limits), signedPart, out, depth + 1);
    signedPart.rest().transferTo(OutputStream.nullOutputStream());
    hashing.close();
    if (!content.found() || content.closing()) {
      reading.report().removeLayer(layer);
      reading.report().add(Problem.of(ProblemCode.MALFORMED,
          "multipart/signed must have two parts, the content and the signature; this one has no signature"));
      return inner;
    }
    Optional<byte[]> signature = readSignaturePart(body, boundary.get());
    Map<ASN1ObjectIdentifier, byte[]> hashes = new LinkedHashMap<>();
    digests.forEach((alg, md) -> hashes.put(new ASN1ObjectIdentifier(alg.oid()), md.digest()));
    signature.ifPresent(sig -> verifyDetached(hashes, sig));
    return inner.signedWhole();
  }

  /** Skips the preamble; whether a first part, delimited by the boundary, follows it. */
  private static boolean reachedFirstPart(Optional<String> boundary, MimeInput body) throws IOException {
    if (boundary.isEmpty()) {
      return false;
    }
    MimeInput.PartStream preamble = body.partUntil(boundary.get(), true);
    preamble.transferTo(OutputStream.nullOutputStream());
    return preamble.found();
  }

  /** The signature part's bytes, or empty (with the problem recorded) if it is not one. */
  private Optional<byte[]> readSignaturePart(MimeInput body, String boundary) throws IOException {
    MimeInput.PartStream signaturePart = body.partUntil(boundary, false);
    MimeInput sigInput = new MimeInput(signaturePart);
    HeaderBlock sigHeaders = HeaderBlock.read(sigInput, limits);
    byte[] signature = SignatureBytes.read(MimeWalk.decoded(sigHeaders, sigInput), "signature");
    sigInput.rest().transferTo(OutputStream.nullOutputStream());
    if (!signaturePart.found()) {
      reading.report().add(Problem.of(ProblemCode.MALFORMED, "multipart/signed ends without its close delimiter"));
    } else if (!signaturePart.closing()) {
      reading.report().add(Problem.of(ProblemCode.MALFORMED,
          "multipart/signed must have exactly two parts: what follows the signature is covered by nothing"));
    }
    body.rest().transferTo(OutputStream.nullOutputStream());
    ContentType sigType = sigHeaders.contentType();
    if (!sigType.is("application/pkcs7-signature") && !sigType.is("application/x-pkcs7-signature")) {
      reading.report().add(Problem.of(ProblemCode.MALFORMED,
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
      reading.report().add(Problem.of(ProblemCode.MALFORMED,
          "the signature part is not a readable CMS SignedData: " + ErrorText.of(e)));
      return;
    }
    if (hasEncapsulatedContent(signed)) {
      reading.report().add(carriesDisplayedPart(signed, hashes)
          ? Problem.of(ProblemCode.EMBEDDED_CONTENT, "the signature part also carries the content it signs,"
              + " the same as the part displayed beside it; verified against the displayed part")
          : Problem.of(ProblemCode.BAD_SIGNATURE, "the signature part carries content of its own (eContent):"
              + " what it signs is not the part displayed beside it"));
    }
    var infos = signed.getSignerInfos().getSigners();
    reading.checkSignerCount(infos.size());
    reading.report().record(reading.verifier().verify(infos, signed.getCertificates(), reading.identity(),
        oid -> hashes.containsKey(new ASN1ObjectIdentifier(oid))));
  }

  /**
   * Whether the content a clear signature carries is the displayed part (CRLF-canonical), as
   * pyca/cryptography writes without its detached option; anything else is eContent confusion.
   */
  private static boolean carriesDisplayedPart(CMSSignedData signed, Map<ASN1ObjectIdentifier, byte[]> hashes) {
    byte[] carried = SignedData.getInstance(signed.toASN1Structure().getContent())
        .getEncapContentInfo().getContent() instanceof ASN1OctetString octets
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
    return SignedData.getInstance(content).getEncapContentInfo().getContent() != null;
  }

  /**
   * Digests named by micalg; when it names none we know (RFC 3851 spelled SHA-1 "sha1"), every digest
   * we know. Legacy ones are computed too: the signer verifier decides whether they are accepted.
   */
  private static Map<DigestAlgorithm, MessageDigest> digestsFor(String micalg) {
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
}
