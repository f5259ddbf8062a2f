package io.orikaeshi.kit.links;

/** What a link in a message may do: exactly one of these, on exactly one callback. */
public enum LinkAction {
    /** Opens the call's page: the message was read. */
    VIEW, ACKNOWLEDGE, COMPLETE
}
