package io.orikaeshi.events;

/** One of the items an operator always asks for, with what became of the asking. {@code value} is null unless PROVIDED. */
public record CapturedItem(CaptureStatus status, String value) {

    public static CapturedItem provided(String value) {
        return new CapturedItem(CaptureStatus.PROVIDED, value);
    }

    public static CapturedItem notObtained(CaptureStatus status) {
        return new CapturedItem(status, null);
    }

    public boolean isProvided() {
        return status == CaptureStatus.PROVIDED;
    }
}
