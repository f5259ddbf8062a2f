package io.orikaeshi.reporting.rest;

import java.util.List;

/**
 * What the operator sees when a known number rings.
 *
 * @param totalCalls    every call recorded with this number
 * @param chaseCount    how many times the caller rang again while a promise was open, over all their calls
 * @param recentCalls   newest first, at most 20
 * @param openPromises  promises not yet completed or cancelled, earliest due first
 */
public record CallerHistory(String number, long totalCalls, long chaseCount, List<CallLogView> recentCalls,
        List<CallLogView> openPromises) {
}
