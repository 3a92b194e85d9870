package medstream.labeler.core;

import medstream.contracts.Decision;

/**
 * Where a label goes, and why.
 *
 * @param decision ACCEPT or REVIEW
 * @param reason   why REVIEW, and flags such as CONTEXT_TRUNCATED; null for a clean ACCEPT
 */
public record Routing(Decision decision, String reason) {}
