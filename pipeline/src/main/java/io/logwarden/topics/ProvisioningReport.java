package io.logwarden.topics;

import java.util.List;

/** What provisioning did: topics it created, and existing topics whose settings differ from the policy. */
public record ProvisioningReport(List<String> created, List<String> unchanged, List<TopicDrift> drifts) {

  public ProvisioningReport {
    created = List.copyOf(created);
    unchanged = List.copyOf(unchanged);
    drifts = List.copyOf(drifts);
  }

  public boolean hasDrift() {
    return !drifts.isEmpty();
  }
}
