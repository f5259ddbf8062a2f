package io.orikaeshi.events;

/** INBOUND: a caller rang the tenant. OUTBOUND: an operator called out (e.g. a follow-up that ended "call again later"). */
public enum CallDirection {
    INBOUND, OUTBOUND
}
