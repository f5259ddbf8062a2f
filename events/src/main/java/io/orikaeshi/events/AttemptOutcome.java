package io.orikaeshi.events;

public enum AttemptOutcome {
    REACHED, NO_ANSWER, VOICEMAIL
}
