package io.orikaeshi.intake.service;

import io.orikaeshi.events.tenant.TenantProfile;
import io.orikaeshi.intake.rest.TenantView;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Warns when a tenant presents the answering number as a customer centre. Callers who ring a "customer centre" expect
 * the operator to solve their problem, and "someone will call you back" then turns into a complaint against the
 * operator and the client alike (seed 002). Allowed, because the client decides, but never silently.
 */
public final class LabelCheck {

    static final String CODE = "customer-centre-label";

    private static final Pattern SUPPORT_DESK = Pattern.compile(
            "カスタマー\\s*(センター|センタ|サポート|サービス)|コール\\s*センター|サポート\\s*(センター|窓口|デスク)"
                    + "|お客様\\s*(相談|サポート|サービス)?\\s*(窓口|センター|相談室|係)|問い?合わせ\\s*(窓口|センター)"
                    + "|customer\\s*(care|service|support|cent(er|re))|call\\s*cent(er|re)|help\\s*desk"
                    + "|support\\s*(cent(er|re)|desk|line)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private LabelCheck() {
    }

    public static List<TenantView.Warning> warnings(TenantProfile profile) {
        List<TenantView.Warning> warnings = new ArrayList<>();
        check(warnings, "name", profile.name(), profile.locale());
        profile.publicLabel().ifPresent(label -> check(warnings, "publicLabel", label, profile.locale()));
        return warnings;
    }

    private static void check(List<TenantView.Warning> warnings, String field, String text, String locale) {
        if (text != null && SUPPORT_DESK.matcher(text).find()) {
            warnings.add(new TenantView.Warning(CODE, field, "ja".equals(locale)
                    ? "電話代行の番号を「カスタマーセンター」「お客様相談窓口」などの名称で公開すると、お電話の方はその場での対応を期待されます。"
                            + "オペレーターは折り返しのお約束しかできないため、苦情の原因となります。会社名や部署名での公開をお勧めします。"
                    : "Publishing the answering number as a customer centre or support line makes callers expect their "
                            + "problem to be solved on the call; operators can only promise a callback, which turns into "
                            + "complaints. Publish it under the company or department name instead."));
        }
    }
}
