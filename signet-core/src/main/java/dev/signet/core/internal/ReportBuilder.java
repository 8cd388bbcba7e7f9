package dev.signet.core.internal;

import dev.signet.core.Layer;
import dev.signet.core.Policy;
import dev.signet.core.Problem;
import dev.signet.core.ProtectedHeaders;
import dev.signet.core.SecurityReport;
import dev.signet.core.SignerReport;
import dev.signet.core.UnsignedFooter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What a read has found so far, layer by layer, until it is made the security report. */
final class ReportBuilder {
  private final List<Layer> layers = new ArrayList<>();
  private final List<SignerReport> signers = new ArrayList<>();
  private final List<Problem> problems = new ArrayList<>();
  private Optional<ProtectedHeaders> protectedHeaders = Optional.empty();
  private Optional<UnsignedFooter> unsignedFooter = Optional.empty();

  void add(Problem problem) {
    problems.add(problem);
  }

  /** Adds the layer; returns its index, for a layer found not to be one after all to be removed. */
  int addLayer(Layer layer) {
    layers.add(layer);
    return layers.size() - 1;
  }

  void removeLayer(int index) {
    layers.remove(index);
  }

  boolean hasLayers() {
    return !layers.isEmpty();
  }

  boolean hasSigners() {
    return !signers.isEmpty();
  }

  int countSigned() {
    return (int) layers.stream().filter(l -> l instanceof Layer.Signed).count();
  }

  void record(SignerVerifier.Outcome outcome) {
    signers.addAll(outcome.signers());
    problems.addAll(outcome.problems());
  }

  boolean hasProtectedHeaders() {
    return protectedHeaders.isPresent();
  }

  void foundProtectedHeaders(ProtectedHeaders found) {
    protectedHeaders = Optional.of(found);
  }

  void foundUnsignedFooter(UnsignedFooter footer) {
    unsignedFooter = Optional.of(footer);
  }

  /** The report, each problem's severity as {@code policy} decides it. */
  SecurityReport build(Policy policy) {
    return new SecurityReport(layers, signers, ReadPolicy.apply(problems, layers, signers, policy),
        protectedHeaders, unsignedFooter);
  }
}
