package dev.signet.core.internal;

import java.io.IOException;
import java.io.OutputStream;
import org.bouncycastle.cms.CMSException;

/** Reads one MIME entity, layers and all, into the report: what a layer calls for the entity it wraps. */
@FunctionalInterface
interface EntityReader {
  Coverage read(HeaderBlock headers, MimeInput body, OutputStream out, int depth) throws IOException, CMSException;
}
