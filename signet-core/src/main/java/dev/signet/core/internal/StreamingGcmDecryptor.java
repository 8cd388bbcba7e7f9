package dev.signet.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.Key;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.operator.InputAEADDecryptor;

/**
 * AES-GCM decryption that streams: plaintext flows out as ciphertext flows in, and the tag is
 * checked at the end (the caller stages the plaintext until then). Authenticated attributes, which
 * AuthEnvelopedData places after the content, are folded in late, as GCM allows.
 */
final class StreamingGcmDecryptor implements InputAEADDecryptor {
  private final AlgorithmIdentifier algorithm;
  private final GCMModeCipher gcm;

  StreamingGcmDecryptor(AlgorithmIdentifier algorithm, Key key) {
    this.algorithm = algorithm;
    GCMParameters params = GCMParameters.getInstance(algorithm.getParameters());
    this.gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
    gcm.init(false, new AEADParameters(new KeyParameter(key.getEncoded()), params.getIcvLen() * 8, params.getNonce()));
  }

  @Override
  public AlgorithmIdentifier getAlgorithmIdentifier() {
    return algorithm;
  }

  @Override
  public OutputStream getAADStream() {
    return new OutputStream() {
      @Override
      public void write(int b) {
        gcm.processAADByte((byte) b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        gcm.processAADBytes(b, off, len);
      }
    };
  }

  @Override
  public byte[] getMAC() {
    return gcm.getMac();
  }

  @Override
  public InputStream getInputStream(InputStream ciphertextAndTag) {
    return new BlockInputStream() {
      private final InputStream in = ciphertextAndTag;
      private final byte[] chunk = new byte[64 * 1024];
      private byte[] out = new byte[0];
      private int outPos;
      private int outLen;
      private boolean finished;

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        while (outPos == outLen) {
          if (finished) {
            return -1;
          }
          refill();
        }
        int n = Math.min(len, outLen - outPos);
        System.arraycopy(out, outPos, b, off, n);
        outPos += n;
        return n;
      }

      private void refill() throws IOException {
        int r = in.read(chunk, 0, chunk.length);
        outPos = 0;
        if (r < 0) {
          ensure(gcm.getOutputSize(0));
          try {
            outLen = gcm.doFinal(out, 0);
          } catch (InvalidCipherTextException e) {
            throw new TagMismatchException();
          }
          finished = true;
          return;
        }
        ensure(gcm.getUpdateOutputSize(r));
        outLen = gcm.processBytes(chunk, 0, r, out, 0);
      }

      private void ensure(int size) {
        if (out.length < size) {
          out = new byte[size];
        }
      }
    };
  }

  /** The authentication tag did not match: the ciphertext, its attributes or the key are wrong. */
  static final class TagMismatchException extends IOException {
    private static final long serialVersionUID = 1L;

    TagMismatchException() {
      super("authentication tag mismatch");
    }
  }
}
