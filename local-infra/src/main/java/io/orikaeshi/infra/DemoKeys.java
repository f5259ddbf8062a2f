package io.orikaeshi.infra;

/**
 * The demo API keys of config/tenants.properties (which holds only their SHA-256), for tests and the README's
 * examples. Never valid outside the demo configuration.
 */
public final class DemoKeys {

    public static final String ACME_OPERATOR = "ok_acme-op.demo-acme-operator";
    public static final String ACME_CLIENT = "ok_acme-cl.demo-acme-client";
    public static final String ACME_ADMIN = "ok_acme-ad.demo-acme-admin";
    public static final String GLOBEX_OPERATOR = "ok_globex-op.demo-globex-operator";
    public static final String GLOBEX_CLIENT = "ok_globex-cl.demo-globex-client";
    public static final String GLOBEX_ADMIN = "ok_globex-ad.demo-globex-admin";
    public static final String PLATFORM = "ok_platform.demo-platform-operator";

    private DemoKeys() {
    }

    public static String operator(String tenant) {
        return switch (tenant) {
            case "acme-jp" -> ACME_OPERATOR;
            case "globex-us" -> GLOBEX_OPERATOR;
            default -> throw new IllegalArgumentException("no demo key for " + tenant);
        };
    }

    public static String client(String tenant) {
        return switch (tenant) {
            case "acme-jp" -> ACME_CLIENT;
            case "globex-us" -> GLOBEX_CLIENT;
            default -> throw new IllegalArgumentException("no demo key for " + tenant);
        };
    }

    /** The header value: {@code Authorization: Bearer <key>}. */
    public static String bearer(String key) {
        return "Bearer " + key;
    }
}
