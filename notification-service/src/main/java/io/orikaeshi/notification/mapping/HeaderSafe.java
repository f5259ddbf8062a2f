package io.orikaeshi.notification.mapping;

/**
 * Makes caller-supplied text safe for a mail header. CR and LF would start a new header (or a new recipient);
 * NEL and the Unicode line/paragraph separators are treated as line breaks by some clients, so they go too.
 */
public final class HeaderSafe {

    static final int MAX_SUBJECT_LENGTH = 200;

    private HeaderSafe() {
    }

    public static String subject(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(breaksHeaders(c) ? ' ' : c));
        String collapsed = out.toString().replaceAll(" {2,}", " ").strip();
        return collapsed.length() <= MAX_SUBJECT_LENGTH
                ? collapsed
                : collapsed.substring(0, MAX_SUBJECT_LENGTH - 1) + "…";
    }

    private static boolean breaksHeaders(int c) {
        return Character.getType(c) == Character.CONTROL || c == 0x2028 || c == 0x2029 || c == 0x85;
    }
}
