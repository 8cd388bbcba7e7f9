package dev.signet.core.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EnvelopedData;
import org.bouncycastle.asn1.cms.SignedData;

/**
 * Takes the BER a CMS stream generator writes (indefinite lengths, chunked octet strings) and passes
 * it on as DER when the whole structure fits in {@code limit} bytes: readers that take only DER
 * (pyca/cryptography's PKCS#7 decryption) read it, as OpenSSL writes definite lengths unless told to
 * stream. A larger structure goes on as BER, as written, so memory stays bounded by the limit.
 * Closing writes what is held; it leaves {@code out} open, for its owner to close.
 */
final class DefiniteLengths extends OutputStream {
  /** What is held to be re-encoded: the CMS structure of a message of about 0.75 MiB. */
  static final int LIMIT = 1 << 20;
  private final OutputStream out;
  private final int limit;
  private ByteArrayOutputStream held = new ByteArrayOutputStream();

  DefiniteLengths(OutputStream out, int limit) {
    this.out = out;
    this.limit = limit;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (held != null && held.size() + len <= limit) {
      held.write(b, off, len);
      return;
    }
    if (held != null) {
      held.writeTo(out); // too large to hold: BER from here on
      held = null;
    }
    out.write(b, off, len);
  }

  @Override
  public void close() throws IOException {
    if (held != null) {
      out.write(der(held.toByteArray()));
      held = null;
    }
  }

  /**
   * {@code ber} as DER (also for a detached signature, held whole anyway). Re-read as the CMS type it
   * is, so that implicitly tagged octet strings (the encrypted content) become primitive, as DER wants,
   * and not a tagged sequence of chunks.
   */
  static byte[] der(byte[] ber) throws IOException {
    ContentInfo info = ContentInfo.getInstance(ASN1Primitive.fromByteArray(ber));
    ASN1ObjectIdentifier type = info.getContentType();
    ASN1Encodable content;
    if (type.equals(CMSObjectIdentifiers.envelopedData)) {
      content = EnvelopedData.getInstance(info.getContent());
    } else if (type.equals(CMSObjectIdentifiers.authEnvelopedData)) {
      content = AuthEnvelopedData.getInstance(info.getContent());
    } else if (type.equals(CMSObjectIdentifiers.signedData)) {
      content = SignedData.getInstance(info.getContent());
    } else {
      throw new IOException("not a CMS type written here: " + type);
    }
    return new ContentInfo(type, content).getEncoded(ASN1Encoding.DER);
  }
}
