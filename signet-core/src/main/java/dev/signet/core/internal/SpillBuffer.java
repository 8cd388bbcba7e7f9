package dev.signet.core.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.CipherInputStream;
import javax.crypto.CipherOutputStream;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Holds bytes that must be read twice: in memory up to a bound, then in a temporary file sealed
 * with a throwaway AES key, so nothing lands on disk in clear. Used only where a format forces a
 * second pass.
 */
public final class SpillBuffer extends OutputStream {
  private static final int MEMORY_LIMIT = 1 << 20;
  private final ByteArrayOutputStream memory = new ByteArrayOutputStream();
  private final SecureRandom random;
  private Path file;
  private OutputStream fileOut;
  private byte[] key;
  private byte[] iv;
  private long size;

  public SpillBuffer(SecureRandom random) {
    this.random = random;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    size += len;
    if (fileOut == null && memory.size() + len <= MEMORY_LIMIT) {
      memory.write(b, off, len);
      return;
    }
    if (fileOut == null) {
      spill();
    }
    fileOut.write(b, off, len);
  }

  public long size() {
    return size;
  }

  private void spill() throws IOException {
    file = Files.createTempFile("signet-", ".spill");
    key = new byte[16];
    iv = new byte[16];
    random.nextBytes(key);
    random.nextBytes(iv);
    fileOut = new CipherOutputStream(Files.newOutputStream(file), cipher(Cipher.ENCRYPT_MODE));
    memory.writeTo(fileOut);
    memory.reset();
  }

  private Cipher cipher(int mode) throws IOException {
    try {
      Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
      c.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
      return c;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot seal a temporary file", e);
    }
  }

  /** The bytes written so far; call once, after writing. */
  public InputStream openInput() throws IOException {
    if (fileOut == null) {
      return new ByteArrayInputStream(memory.toByteArray());
    }
    fileOut.close();
    return new CipherInputStream(Files.newInputStream(file), cipher(Cipher.DECRYPT_MODE));
  }

  @Override
  public void close() throws IOException {
    if (fileOut != null) {
      fileOut.close();
      Files.deleteIfExists(file);
    }
  }
}
