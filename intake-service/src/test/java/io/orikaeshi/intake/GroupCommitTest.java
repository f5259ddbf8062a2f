package io.orikaeshi.intake;

import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.CallbackChased;
import io.orikaeshi.events.OrikaeshiEvent;
import io.orikaeshi.infra.LocalInfrastructure;
import io.orikaeshi.infra.testing.InfraTestResource;
import io.orikaeshi.infra.testing.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.orikaeshi.intake.IntakeApi.allPublished;
import static io.orikaeshi.intake.IntakeApi.asOperator;
import static io.orikaeshi.intake.IntakeApi.callFrom;
import static io.orikaeshi.intake.IntakeApi.created;
import static io.orikaeshi.intake.IntakeApi.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Group commit: calls that arrive while a transaction runs are written together by the next one, and behave exactly
 * as if each had had a transaction of its own. Each test makes the group happen on purpose: it locks an open promise
 * in PostgreSQL, so the transaction of a call chasing it waits, and the calls posted meanwhile queue up behind it.
 */
@QuarkusTest
class GroupCommitTest {

    private static final Pattern WAITING = Pattern.compile("(?m)^orikaeshi_intake_calls_waiting(?:\\{[^}]*})? (\\S+)$");
    private static final Pattern LARGEST_GROUP = Pattern
            .compile("(?m)^orikaeshi_intake_group_calls_max(?:\\{[^}]*})? (\\S+)$");

    /**
     * Groups written at the same time: each must be held back for the calls posted meanwhile to queue up. Read in
     * {@link #connect()}: the extension field below loads this class before Quarkus has its configuration.
     */
    private static int slots;

    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.onTestInfrastructure();
    private static ExecutorService clients;

    @BeforeAll
    static void connect() {
        slots = ConfigProvider.getConfig().getValue("orikaeshi.intake.group-commit.concurrency", Integer.class);
        clients = Executors.newFixedThreadPool(16);
    }

    @AfterAll
    static void disconnect() {
        clients.shutdownNow();
    }

    @Test
    void everyCallOfAGroupChasingOnePromiseIsCountedOnce() throws Exception {
        String number = "03-5556-0001";
        String promise = created("acme-jp", callFrom(number, null));

        List<ExtractableResponse<Response>> answers = asOneGroup(promise, number,
                IntStream.range(0, 10).mapToObj(
                        i -> (Supplier<ExtractableResponse<Response>>) () -> post("acme-jp", callFrom(number, null))
                                .extract())
                        .toList());

        List<String> chases = new ArrayList<>();
        answers.forEach(answer -> {
            assertEquals(201, answer.statusCode());
            chases.add(answer.path("callId"));
        });
        int total = slots + 10;
        assertEquals(total, chases.size());
        asOperator("acme-jp").when().get("/tenants/acme-jp/calls/{id}", promise).then().body("chaseCount",
                equalTo(total));
        for (String chase : chases) {
            asOperator("acme-jp").when().get("/tenants/acme-jp/calls/{id}", chase).then().body("chaseOf",
                    equalTo(promise));
        }
        List<CallbackChased> chased = allPublished(kafka, promise).stream()
                .filter(CallbackChased.class::isInstance).map(CallbackChased.class::cast).toList();
        assertEquals(Set.copyOf(chases), chased.stream().map(CallbackChased::chaseCallId).collect(Collectors.toSet()));
        assertEquals(IntStream.rangeClosed(1, total).boxed().toList(),
                chased.stream().map(CallbackChased::chaseCount).toList(),
                "one CallbackChased per chase, counted in order");
        assertTrue(largestGroup() >= 10, "the ten calls posted during the blocked commit were written together");
    }

    @Test
    void concurrentRetriesWithOneIdempotencyKeyInOneGroupCreateOneCall() throws Exception {
        String number = "03-5556-0002";
        String promise = created("acme-jp", callFrom(number, null));
        String body = callFrom("03-5556-0003", null);

        List<ExtractableResponse<Response>> answers = asOneGroup(promise, number,
                IntStream.range(0, 5)
                        .mapToObj(i -> (Supplier<ExtractableResponse<Response>>) () -> asOperator("acme-jp")
                                .contentType(ContentType.JSON)
                                .header("Idempotency-Key", "group-retry-1").body(body)
                                .when().post("/tenants/acme-jp/calls").then().extract())
                        .toList());

        List<ExtractableResponse<Response>> retries = answers.subList(slots, answers.size());
        retries.forEach(answer -> assertEquals(201, answer.statusCode()));
        Set<String> callIds = retries.stream().map(a -> a.<String>path("callId")).collect(Collectors.toSet());
        assertEquals(1, callIds.size(), "every retry answers with the same call");
        assertEquals(1, retries.stream().filter(a -> "false".equals(a.header("Idempotent-Replayed"))).count());
        List<OrikaeshiEvent> events = allPublished(kafka, callIds.iterator().next());
        assertEquals(1, events.size());
        assertTrue(events.get(0) instanceof CallReceived);
    }

    @Test
    void aCallTheDatabaseRefusesFailsAloneAndTheRestOfItsGroupIsStored() throws Exception {
        String number = "03-5556-0004";
        String promise = created("acme-jp", callFrom(number, null));
        List<Supplier<ExtractableResponse<Response>>> posts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String other = "03-5556-01%02d".formatted(i);
            posts.add(() -> post("acme-jp", callFrom(other, null)).extract());
        }
        posts.add(() -> post("acme-jp", callFrom("03-5556-0199", "\"operatorId\": \"refused-by-db\"")).extract());

        List<ExtractableResponse<Response>> answers;
        execute("""
                create function refuse_for_test() returns trigger language plpgsql as $$
                begin
                  if new.operator_id = 'refused-by-db' then raise exception 'refused for the test'; end if;
                  return new;
                end $$;
                create trigger refuse_for_test before insert on received_call
                  for each row execute function refuse_for_test();""");
        try {
            answers = asOneGroup(promise, number, posts);
        } finally {
            execute("drop trigger refuse_for_test on received_call; drop function refuse_for_test();");
        }

        answers.subList(0, slots)
                .forEach(held -> assertEquals(201, held.statusCode(), "a call that held a group back"));
        for (ExtractableResponse<Response> good : answers.subList(slots, slots + 5)) {
            assertEquals(201, good.statusCode());
            assertEquals(1, allPublished(kafka, good.path("callId")).size());
        }
        assertEquals(500, answers.get(slots + 5).statusCode());
        assertEquals(0, count("select count(*) from received_call where operator_id = 'refused-by-db'"));
    }

    /**
     * Posts one call chasing {@code promise} per group slot while the promise is locked, waits until their transactions
     * are all blocked, posts {@code others} meanwhile (they queue up as the next group), then releases the lock.
     * Returns the blocked calls' answers first, then the others' in order.
     */
    private static List<ExtractableResponse<Response>> asOneGroup(String promise, String number,
            List<Supplier<ExtractableResponse<Response>>> others) throws Exception {
        List<CompletableFuture<ExtractableResponse<Response>>> pending = new ArrayList<>();
        try (Connection lock = connection()) {
            lock.setAutoCommit(false);
            try (PreparedStatement s = lock.prepareStatement("select id from received_call where id = ? for update")) {
                s.setString(1, promise);
                s.executeQuery().close();
            }
            for (int slot = 1; slot <= slots; slot++) {
                pending.add(CompletableFuture.supplyAsync(() -> post("acme-jp", callFrom(number, null)).extract(),
                        clients));
                int blocked = slot;
                await(() -> count("select count(*) from pg_stat_activity where datname = 'intake'"
                        + " and wait_event_type = 'Lock'") == blocked, blocked + " transactions wait for the lock");
            }
            others.forEach(post -> pending.add(CompletableFuture.supplyAsync(post, clients)));
            await(() -> waitingCalls() == others.size(), others.size() + " calls wait for the next group");
            lock.rollback();
        }
        List<ExtractableResponse<Response>> answers = new ArrayList<>();
        for (CompletableFuture<ExtractableResponse<Response>> answer : pending) {
            answers.add(answer.get());
        }
        return answers;
    }

    private static double waitingCalls() {
        return metric(WAITING);
    }

    private static double largestGroup() {
        return metric(LARGEST_GROUP);
    }

    private static double metric(Pattern pattern) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher matcher = pattern.matcher(metrics);
        if (!matcher.find()) {
            fail("no metric " + pattern);
        }
        return Double.parseDouble(matcher.group(1));
    }

    private static void await(Supplier<Boolean> condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.get()) {
            if (Instant.now().isAfter(deadline)) {
                fail("not reached: " + what);
            }
            Thread.sleep(50);
        }
    }

    private static Connection connection() throws SQLException {
        LocalInfrastructure infra = InfraTestResource.infra();
        return DriverManager.getConnection(infra.jdbcUrl("intake"), infra.dbUsername(), infra.dbPassword());
    }

    private static long count(String sql) {
        try (Connection c = connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = connection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
