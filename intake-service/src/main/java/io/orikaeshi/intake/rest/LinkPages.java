package io.orikaeshi.intake.rest;

import io.orikaeshi.kit.links.LinkAction;

/** The few fixed pages of the email links. Only our own text and a call id (a UUID) appear in them. */
final class LinkPages {

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

    private static String page(boolean ja, String heading, String body) {
        return "<!DOCTYPE html><html lang=\"" + (ja ? "ja" : "en") + "\"><head><meta charset=\"UTF-8\">"
                + "<meta name=\"robots\" content=\"noindex\"><title>Orikaeshi</title></head>"
                + "<body style=\"font-family: sans-serif\"><h1 style=\"font-size: 1.2em\">" + escape(heading) + "</h1>"
                + body + "</body></html>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
