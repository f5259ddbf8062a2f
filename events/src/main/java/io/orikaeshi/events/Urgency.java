package io.orikaeshi.events;

public enum Urgency {
    NORMAL, URGENT
}
