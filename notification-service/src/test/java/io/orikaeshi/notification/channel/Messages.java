package io.orikaeshi.notification.channel;

import io.orikaeshi.events.tenant.TenantProfile;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A report as the consumer would decide it, whose caller typed every chat service's mention syntax into the form. */
final class Messages {

    /** Slack user and channel mentions, a Chatwork To and info, a Teams mention, a LINE WORKS mention, a link. */
    static final String INJECTED = "<@U999> <!channel> [To:1] [info]x[/info] <at>x</at> <m userId=\"all\">"
            + " [click](https://evil.example)";
    static final String VIEW = "https://app.example/l/v1.abc";
    static final String DONE = "https://app.example/l/d1.def";
    static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    private Messages() {
    }

    static ChatMessage report(String locale, Optional<ChatMessage.Mention> mention) {
        return new ChatMessage("REPORT", "call-1", locale, "折り返しのお願い：" + INJECTED + "様より",
                List.of(new ChatMessage.Field("お名前", INJECTED), new ChatMessage.Field("電話番号", "090-1234-5678"),
                        new ChatMessage.Field("ご用件", "見積もり & 納期 <急ぎ>")),
                mention, List.of(new ChatMessage.Action("確認する", VIEW), new ChatMessage.Action("対応済みにする", DONE)),
                "折り返しのお願い：" + INJECTED + "様より\nお名前: " + INJECTED + "\n確認する: " + VIEW, "{}");
    }

    static ChatMessage report(ChatMessage.Mention mention) {
        return report("ja", Optional.of(mention));
    }

    static TenantProfile.Channel channel(TenantProfile.ChannelType type, String url, String room) {
        return new TenantProfile.Channel("ch-1", type, Optional.ofNullable(url), Optional.ofNullable(room),
                Optional.of("sealed"), Optional.empty(), Optional.empty(), TenantProfile.PersonalData.ALL);
    }

    static int count(String text, String part) {
        Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
