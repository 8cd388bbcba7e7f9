package dev.signet.mail;

import dev.signet.core.ComposeRequest;
import java.util.Objects;

/**
 * What the person asked for when sending, before policy has its say.
 *
 * @param opaque pkcs7-mime signed-data rather than clear-signed (unless ClearSign decides)
 * @param continueEncryption send encrypted to the recipients who have a usable certificate when some do not
 * @param ess the receipt request and security label the person chose (RFC 2634)
 */
public record SendChoices(boolean sign, boolean encrypt, boolean opaque, boolean continueEncryption,
    ComposeRequest.Ess ess) {
  public SendChoices {
    Objects.requireNonNull(ess, "ess");
  }
}
