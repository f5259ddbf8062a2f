package io.orikaeshi.reporting.mapping;

import java.util.List;
import java.util.stream.Collectors;

/**
 * RFC 4180 CSV. Starts with a UTF-8 byte order mark because Excel, which most clients open it with, otherwise reads
 * Japanese text as Shift_JIS. Text cells that a spreadsheet would run as a formula are prefixed with an apostrophe
 * (OWASP CSV injection advice); that also keeps "+81..." numbers as text.
 */
public final class Csv {

    public static final String MEDIA_TYPE = "text/csv; charset=UTF-8";
    static final String BOM = "\uFEFF";

    private Csv() {
    }

    public static String document(List<String> header, List<List<Object>> rows) {
        StringBuilder out = new StringBuilder(BOM).append(line(header.stream().map(h -> (Object) h).toList()));
        rows.forEach(row -> out.append(line(row)));
        return out.toString();
    }

    static String line(List<Object> cells) {
        return cells.stream().map(Csv::cell).collect(Collectors.joining(",", "", "\r\n"));
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number) {
            return value.toString();
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
