package dev.signet.core.internal;

import dev.signet.core.DigestAlgorithm;
import dev.signet.core.SignOptions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** The SignerInfo of the digital ID that signs what we write: messages and receipts. */
final class SignerInfos {
  private SignerInfos() {}

  /** The signer {@code options} name, with these signed attributes (content type and digest are added to them). */
  static SignerInfoGenerator of(SignOptions options, DigestAlgorithm digest, AttributeTable attributes,
      SecureRandom random) throws OperatorCreationException, GeneralSecurityException {
    return of(options, digest, attributes, random, UnaryOperator.identity());
  }

  /** As {@link #of(SignOptions, DigestAlgorithm, AttributeTable, SecureRandom)}, its signer seen through {@code watch}. */
  static SignerInfoGenerator of(SignOptions options, DigestAlgorithm digest, AttributeTable attributes,
      SecureRandom random, UnaryOperator<ContentSigner> watch) throws OperatorCreationException, GeneralSecurityException {
    var id = options.signer();
    var contentSigner = new JcaContentSignerBuilder(AlgorithmRegistry.signatureName(id.privateKey(), digest,
        options.scheme())).setProvider(AlgorithmRegistry.signingProvider(id.privateKey(), options.scheme()))
        .setSecureRandom(random).build(PostQuantum.usable(id.privateKey()));
    return new JcaSignerInfoGeneratorBuilder(AlgorithmRegistry.contentDigests())
        .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(attributes))
        .build(watch.apply(contentSigner), id.certificate());
  }
}
