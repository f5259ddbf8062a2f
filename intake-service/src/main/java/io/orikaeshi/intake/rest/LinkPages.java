package io.orikaeshi.intake.rest;

import io.orikaeshi.events.CaptureStatus;
import io.orikaeshi.intake.repository.CallReading;
import io.orikaeshi.intake.repository.CallbackStatus;
import io.orikaeshi.kit.links.LinkAction;
import io.orikaeshi.kit.phone.PhoneDisplay;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The pages of the links in messages. Every value that came from a call (what the operator typed, hence what the
 * caller said) is escaped; the rest is our own text.
 */
final class LinkPages {

    private static final DateTimeFormatter JA_TIME = DateTimeFormatter.ofPattern("yyyy年M月d日(E) H:mm", Locale.JAPANESE);
    private static final DateTimeFormatter EN_TIME = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm (z)",
            Locale.ENGLISH);

    /** The signed tokens of the page's buttons, for the same message; null when the callback is not open. */
    record Actions(String acknowledge, String complete) {
    }

    enum Language {
        JA, EN
    }

    private LinkPages() {
    }

    static String confirmation(Language language, LinkAction action, String callId) {
        boolean ja = language == Language.JA;
        String question = switch (action) {
            case COMPLETE -> ja ? "この折り返しを完了にしますか？" : "Mark this callback as done?";
            case ACKNOWLEDGE -> ja ? "この折り返しの対応を引き受けますか？" : "Take this callback on?";
            case VIEW -> ja ? "このお電話の内容を開きますか？" : "Open this call?";
        };
        String button = ja ? "はい" : "Yes";
        return page(ja, question, "<p>" + (ja ? "受付番号：" : "Reference: ") + escape(callId) + "</p>"
                + "<form method=\"post\"><button type=\"submit\">" + button + "</button></form>");
    }

    /** The call a VIEW link opens, with buttons that POST to their own signed links (relative: same folder). */
    static String reading(Language language, CallReading call, ZoneId zone, String phoneRegion, Actions actions) {
        boolean ja = language == Language.JA;
        StringBuilder body = new StringBuilder("<dl>");
        row(body, ja ? "お名前" : "Caller", item(ja, call.callerName(), escape(call.callerName().value())));
        row(body, ja ? "ご用件" : "Purpose", item(ja, call.purpose(), escape(call.purpose().value())));
        String number = call.callbackNumber().value();
        row(body, ja ? "折り返し先" : "Callback number", item(ja, call.callbackNumber(), number == null
                ? ""
                : "<a href=\"tel:" + escape(number) + "\">" + escape(PhoneDisplay.forRegion(number, phoneRegion))
                        + "</a>"));
        row(body, ja ? "宛先" : "For", escape(present(call.addressee(), ja ? "ご指定なし" : "no one in particular")));
        row(body, ja ? "折り返し期限" : "Callback due", call.callbackDueAt() == null
                ? (ja ? "折り返し不要" : "no callback needed")
                : escape((ja ? JA_TIME : EN_TIME).format(call.callbackDueAt().atZone(zone))));
        if (call.callbackAssignee() != null) {
            row(body, ja ? "担当" : "Assigned to", escape(call.callbackAssignee()));
        }
        row(body, ja ? "メモ" : "Notes", escape(present(call.notes(), ja ? "なし" : "none")));
        row(body, ja ? "状況" : "Status", status(ja, call.callbackStatus()));
        body.append("</dl>");
        if (actions != null) {
            body.append(button(actions.acknowledge(), ja ? "対応を引き受ける" : "Take it on"))
                    .append(button(actions.complete(), ja ? "完了にする" : "Mark as done"));
        }
        return page(ja, ja ? "お電話のご報告" : "Call report", body.toString());
    }

    static String done(Language language, LinkAction action) {
        boolean ja = language == Language.JA;
        String text = switch (action) {
            case COMPLETE -> ja ? "折り返しを完了にしました。ありがとうございました。" : "The callback is marked as done. Thank you.";
            case ACKNOWLEDGE -> ja
                    ? "対応を引き受けました。期限までのお電話をお願いいたします。"
                    : "You have taken this callback on. Please call back before it is due.";
            case VIEW -> ja ? "お電話の内容を確認しました。" : "You have read this call.";
        };
        return page(ja, text, "");
    }

    static String notPossible(Language language, int status) {
        boolean ja = language == Language.JA;
        String text = status == 409
                ? (ja ? "この折り返しはすでに完了または取り消し済みです。" : "This callback is already done or cancelled.")
                : (ja ? "この折り返しは見つかりません。" : "This callback cannot be found.");
        return page(ja, text, "");
    }

    static String refused(boolean expired) {
        return page(false, expired
                ? "This link has expired. / このリンクは有効期限が切れています。"
                : "This link is not valid. / このリンクは無効です。", "");
    }

    private static void row(StringBuilder body, String label, String html) {
        body.append("<dt>").append(escape(label)).append("</dt><dd>").append(html).append("</dd>");
    }

    /** A captured item: its (already escaped) value, or why there is none; never a blank. */
    private static String item(boolean ja, CallReading.Item item, String valueHtml) {
        if (item.status() == CaptureStatus.PROVIDED) {
            return valueHtml;
        }
        return escape(switch (item.status()) {
            case DECLINED -> ja
                    ? "お伺いしましたが、お客様のご意向によりお教えいただけませんでした"
                    : "Asked, but the caller preferred not to give it";
            case HUNG_UP -> ja
                    ? "お伺いする前にお電話が切れたため、お伺いできませんでした"
                    : "Not obtained: the caller hung up before it could be asked";
            default -> ja ? "お客様より不要とのお申し出がありました" : "Not needed, according to the caller";
        });
    }

    private static String status(boolean ja, CallbackStatus status) {
        return switch (status) {
            case OPEN -> ja ? "折り返し待ち" : "Waiting for the callback";
            case COMPLETED -> ja ? "折り返し済み" : "Called back";
            case CANCELLED -> ja ? "取り消し済み" : "Cancelled";
            case NONE -> ja ? "折り返し不要" : "No callback needed";
        };
    }

    private static String present(String text, String otherwise) {
        return text == null || text.isBlank() ? otherwise : text;
    }

    private static String button(String token, String label) {
        return "<form method=\"post\" action=\"" + escape(token) + "\" style=\"display: inline\">"
                + "<button type=\"submit\">" + escape(label) + "</button></form> ";
    }

    private static String page(boolean ja, String heading, String body) {
        return "<!DOCTYPE html><html lang=\"" + (ja ? "ja" : "en") + "\"><head><meta charset=\"UTF-8\">"
                + "<meta name=\"robots\" content=\"noindex\"><title>Orikaeshi</title></head>"
                + "<body style=\"font-family: sans-serif\"><h1 style=\"font-size: 1.2em\">" + escape(heading) + "</h1>"
                + body + "</body></html>";
    }

    private static String escape(String text) {
        return text == null
                ? ""
                : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                        .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
