package io.orikaeshi.kit.links;

/** What a link in an email may do: exactly one of these, on exactly one callback. */
public enum LinkAction {
    ACKNOWLEDGE, COMPLETE
}
