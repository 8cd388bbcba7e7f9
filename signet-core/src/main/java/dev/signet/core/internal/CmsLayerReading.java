package dev.signet.core.internal;

import dev.signet.core.Layer;
import dev.signet.core.Limits;
import dev.signet.core.MalformedInputException;
import dev.signet.core.ReadOptions;
import dev.signet.core.SmimeException;
import dev.signet.core.UnsupportedAlgorithmException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1SequenceParser;
import org.bouncycastle.asn1.ASN1StreamParser;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfoParser;
import org.bouncycastle.cms.CMSCompressedDataParser;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataParser;
import org.bouncycastle.cms.CMSTypedStream;
import org.bouncycastle.cms.jcajce.ZlibExpanderProvider;

/**
 * Reads one CMS layer as it streams (SignedData, enveloped data, CompressedData) and then what it
 * wraps: a MIME entity, or content as it stands when the input was bare CMS.
 */
final class CmsLayerReading {
  private final Reading reading;
  private final ReadOptions options;
  private final Limits limits;
  private final EntityReader entities;
  private final EnvelopeOpening envelopes;

  CmsLayerReading(Reading reading, EntityReader entities) {
    this.reading = reading;
    this.options = reading.options();
    this.limits = reading.limits();
    this.entities = entities;
    this.envelopes = new EnvelopeOpening(reading, this::readInner);
  }

  /** {@code bare}: the input is CMS itself, not a MIME entity; its content is written as it stands. */
  Coverage read(InputStream raw, OutputStream out, boolean bare, int depth) throws IOException, CMSException {
    if (depth > limits.maxDepth()) {
      throw new MalformedInputException("nesting deeper than " + limits.maxDepth());
    }
    BufferedInputStream in = new BufferedInputStream(raw, 16 * 1024);
    ASN1ObjectIdentifier type = peekContentType(in);
    try {
      if (type.equals(CMSObjectIdentifiers.signedData)) {
        return readSignedData(in, out, bare, depth);
      } else if (type.equals(CMSObjectIdentifiers.envelopedData)) {
        return envelopes.read(in, out, bare, depth, false);
      } else if (type.equals(CMSObjectIdentifiers.authEnvelopedData)) {
        return envelopes.read(in, out, bare, depth, true);
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
      throw new MalformedInputException("malformed CMS " + contentTypeName(type) + ": " + ErrorText.of(e), e);
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
      throw new MalformedInputException("not a CMS ContentInfo: " + ErrorText.of(e), e);
    } finally {
      in.reset();
    }
  }

  private Coverage readSignedData(InputStream in, OutputStream out, boolean bare, int depth)
      throws IOException, CMSException {
    CMSSignedDataParser parser;
    Layer.SignedFormat format;
    if (bare && options.detachedContent().isPresent()) {
      byte[] signature = SignatureBytes.read(in, "detached signature");
      parser = new CMSSignedDataParser(AlgorithmRegistry.contentDigests(),
          new CMSTypedStream(reading.caller().watch(options.detachedContent().get())), signature);
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
      reading.report().addLayer(new Layer.Signed(format));
      reading.report().record(reading.verifier().verify(infos, parser.getCertificates(), Optional.empty()));
      return Coverage.NONE;
    }
    reading.report().addLayer(new Layer.Signed(format));
    Coverage inner = readInner(content.getContentStream(), out, bare, depth);
    content.drain();
    var infos = parser.getSignerInfos().getSigners();
    reading.checkSignerCount(infos.size());
    reading.report().record(reading.verifier().verify(infos, parser.getCertificates(),
        bare ? Optional.empty() : reading.identity()));
    return inner.signedWhole();
  }

  /** What a layer wraps: a MIME entity, or content as it stands (bare CMS, or raw text some tools sign). */
  private Coverage readInner(InputStream content, OutputStream out, boolean bare, int depth)
      throws IOException, CMSException {
    if (bare) {
      ContentCopy.copy(content, out);
      return Coverage.LEAF;
    }
    MimeInput inner = new MimeInput(content);
    if (inner.peek() >= 0 && !HeaderBlock.startsHeaders(inner)) {
      // Not a MIME entity (some tools sign raw text): it is content as it stands.
      reading.writeMessageHeaders(out);
      ContentCopy.copy(inner.rest(), out);
      return Coverage.LEAF;
    }
    Coverage coverage = entities.read(HeaderBlock.read(inner, limits), inner, out, depth + 1);
    inner.rest().transferTo(OutputStream.nullOutputStream());
    return coverage;
  }
}
