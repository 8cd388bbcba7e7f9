package dev.signet.server.mail;

import com.icegreen.greenmail.store.SimpleMessageAttributes;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.Date;

/**
 * GreenMail's {@link StoredMessage}, made when a message is asked for from the bytes on disk: GreenMail
 * builds them only inside its own store (the constructor is package-private), so it is called here.
 * Its RFC822.SIZE is set to the bytes' count: GreenMail's counts the body's characters only.
 */
final class StoredMessages {
  private static final Constructor<StoredMessage> NEW;
  private static final Field SIZE;
  private static final byte[] NOTHING = "\r\n".getBytes(StandardCharsets.US_ASCII);

  static {
    try {
      NEW = StoredMessage.class.getDeclaredConstructor(MimeMessage.class, Date.class, long.class);
      NEW.setAccessible(true);
      SIZE = SimpleMessageAttributes.class.getDeclaredField("size");
      SIZE.setAccessible(true);
    } catch (NoSuchMethodException | NoSuchFieldException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private StoredMessages() {}

  /** The message {@code raw} with UID {@code uid}, its flags and INTERNALDATE. */
  static StoredMessage of(byte[] raw, Flags flags, Date received, long uid) {
    MimeMessage m = GreenMailUtil.newMimeMessage(new ByteArrayInputStream(raw));
    try {
      m.setFlags(flags, true); // StoredMessage copies them with the message
      StoredMessage stored = NEW.newInstance(m, received, uid);
      SIZE.setInt(stored.getAttributes(), raw.length);
      return stored;
    } catch (MessagingException | InstantiationException | IllegalAccessException e) {
      throw new IllegalStateException("cannot make message " + uid, e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("cannot read message " + uid, e.getCause());
    }
  }

  /** A stand-in for message {@code uid} with its flags and no content, for commands that look only at those. */
  static StoredMessage stub(Flags flags, Date received, long uid) {
    return of(NOTHING, flags, received, uid);
  }
}
