package dev.signet.core.fuzz;

import java.io.ByteArrayOutputStream;

/** Just enough DER to put fuzzed bytes inside a ContentInfo of a chosen type. */
final class Der {
  static final String SIGNED_DATA = "1.2.840.113549.1.7.2";
  static final String ENVELOPED_DATA = "1.2.840.113549.1.7.3";
  static final String AUTH_ENVELOPED_DATA = "1.2.840.113549.1.9.16.1.23";
  static final String COMPRESSED_DATA = "1.2.840.113549.1.9.16.1.9";

  private Der() {}

  /** ContentInfo ::= SEQUENCE { contentType OID, content [0] EXPLICIT ANY }, the content as given. */
  static byte[] contentInfo(String oid, byte[] content) {
    return tlv(0x30, concat(tlv(0x06, oidBody(oid)), tlv(0xA0, content)));
  }

  static byte[] tlv(int tag, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int n = value.length;
    if (n < 0x80) {
      out.write(n);
    } else {
      int bytes = (32 - Integer.numberOfLeadingZeros(n) + 7) / 8;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(n >>> (8 * i));
      }
    }
    out.writeBytes(value);
    return out.toByteArray();
  }

  private static byte[] oidBody(String oid) {
    String[] arcs = oid.split("\\.");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
    for (int i = 2; i < arcs.length; i++) {
      long arc = Long.parseLong(arcs[i]);
      int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(arc) + 6) / 7);
      for (int g = groups - 1; g >= 0; g--) {
        out.write((int) ((arc >>> (7 * g)) & 0x7f) | (g > 0 ? 0x80 : 0));
      }
    }
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
