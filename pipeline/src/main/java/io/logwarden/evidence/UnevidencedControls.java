package io.logwarden.evidence;

import java.util.List;

/**
 * The policy's statements that a Kafka client cannot see, each listed with why and with where its
 * evidence comes from, so the report never implies they were checked. (Notifying the team and
 * encryption in transit are evidenced from the deployment config by {@link NotificationControl} and
 * {@link TransitControl}, or not evidenced there.)
 */
public final class UnevidencedControls {

  private UnevidencedControls() {}

  /** One control per statement, in the policy's order. */
  public static List<Control> all() {
    return List.of(
        control("encryption-at-rest", "Encryption of log data at rest", List.of("A 8.15", "A 8.24"),
            "botBrains encrypts log data in transit and at rest per the Cryptography Policy.",
            "Encryption at rest is a property of the brokers' disks and of the stores' platforms; a Kafka client "
                + "reads the same plain records either way. (Encryption in transit is the transit control's.)",
            "The volume encryption settings of the brokers, and each store provider's attestation."),
        control("tamper-protection", "Tamper protection beyond access control", List.of("A 8.15"),
            "Centralizing logs on a dedicated platform protects them against tampering and unauthorized changes from "
                + "the systems that generate them.",
            "Topics are append-only only as far as access control allows: a principal allowed to delete records, "
                + "delete topics or alter their configs can change the log, and records carry no integrity chain "
                + "that this report could verify.",
            "The stores' immutability settings and audit logs, and who holds delete and alter rights."),
        control("alert-review", "The team's review of alerts", List.of("A 8.16"),
            "The team reviews alerts as they fire and reviews relevant logs during investigations.",
            "A review is a person's action; alert records carry no acknowledgement or outcome.",
            "Acknowledgements in the alerting platform, tickets, and incident records per the Incident Management Policy."),
        control("siem-ids", "Wazuh SIEM and intrusion detection", List.of("A 8.16"),
            "botBrains runs Wazuh as its security information and event management (SIEM) and intrusion detection "
                + "(IDS) system, monitoring centralized logs for intrusion indicators.",
            "Wazuh is a separate system; logwarden's detection rules are not it, and Wazuh's operation is not visible "
                + "on this cluster.",
            "The Wazuh manager's status, its agents' coverage, and its rule updates and alerts."),
        control("status-page", "Public status page", List.of("A 8.16"),
            "botBrains publishes system availability on our status page.",
            "The status page is a public web page outside the cluster.",
            "The status page's incident history and its monitors' configuration."));
  }

  private static Control control(String id, String title, List<String> iso, String policyText, String why,
      String evidence) {
    EvidenceTable table = EvidenceTable.of("why not evidenced here", "evidence to look for").row(why, evidence).build();
    return new Control("not-evidenced." + id, title, iso, policyText, Verdict.NOT_EVIDENCED,
        "Not visible to this report; the table says why, and where its evidence comes from.", table, null, List.of());
  }
}
