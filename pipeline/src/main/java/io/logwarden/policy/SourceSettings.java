package io.logwarden.policy;

import java.time.ZoneId;

/**
 * How to read one raw topic, when content sniffing is not enough.
 *
 * @param source the source name (the raw topic is the raw prefix plus this)
 * @param format a format id that overrides detection, or null to detect per record
 * @param zone the zone of timestamps that carry none, or null for UTC
 */
public record SourceSettings(String source, String format, ZoneId zone) {}
