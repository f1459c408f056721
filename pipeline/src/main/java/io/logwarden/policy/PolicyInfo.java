package io.logwarden.policy;

import java.time.LocalDate;

/** Identity of the policy document the file encodes: the evidence report cites it. */
public record PolicyInfo(
    String title,
    String organization,
    String version,
    LocalDate effective,
    String owner,
    LocalDate lastReview,
    String source) {}
