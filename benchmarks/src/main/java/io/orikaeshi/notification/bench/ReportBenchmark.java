package io.orikaeshi.notification.bench;

import io.orikaeshi.events.CallReceived;
import io.orikaeshi.events.EventCodec;
import io.orikaeshi.events.EventFixtures;
import io.orikaeshi.events.Topics;
import io.orikaeshi.bench.CpuMeter;
import io.orikaeshi.infra.InfraSettings;
import io.orikaeshi.infra.LocalInfrastructure;
import io.orikaeshi.infra.LocalSystem;
import io.orikaeshi.infra.MailCatcher;
import io.orikaeshi.infra.ReceivedMail;
import io.orikaeshi.infra.Ports;
import io.orikaeshi.infra.ServiceProcess;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Report emails per second from a CallReceived event on Kafka to the SMTP server's acceptance, through the
 * notification-service running as its own process, beside plain Jakarta Mail loops sending the same messages to the
 * same server in the same run. A benchmark, not a test: see ../../../../../../../notification/README.md.
 *
 * <p>Arguments: burst size (default 3000; 0 skips the burst and the plain loops, which resend its mails), paced
 * rates per second, comma-separated, each run in turn (default 100), and seconds per paced rate (default 20).
 */
public final class ReportBenchmark {

    private static final Pattern CALL_ID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\s*$");
    private static final Duration WAIT = Duration.ofMinutes(5);
    private static final int WARM_UP = 4000;

    private ReportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int burst = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int[] rates = BenchSupport.rates(args, 1, "100");
        int pacedSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Path root = LocalSystem.repositoryRoot();
        Path logs = BenchSupport.logs(root);
        try (LocalInfrastructure infra = LocalInfrastructure.start(InfraSettings.forTests(List.of("notification")))) {
            int port = Ports.free();
            ServiceProcess service = ServiceProcess.start("notification-service",
                    LocalSystem.quarkusRunJar(root, "notification-service"),
                    LocalSystem.serviceEnv(infra, "notification-service", "notification", port, root),
                    // The demo tenant's flood protection would measure the limit, not the service.
                    serviceArgs(),
                    logs.resolve("notification-service.log"));
            try (KafkaProducer<String, String> producer = producer(infra.kafkaBootstrapServers())) {
                service.awaitHealthy("http://127.0.0.1:" + port + "/q/health/ready", Duration.ofMinutes(3));
                MailCatcher mail = infra.mail();
                Meters meters = new Meters(BenchSupport.cpuMeter(Map.of("notification-service", service)),
                        BenchSupport.threadMeter(Map.of("notification-service", service)));
                // Full JIT: the service compiles (C2) through its first few thousand mails on the same 2 cores.
                System.out.println("warm-up: " + WARM_UP + " reports ...");
                run(producer, mail, WARM_UP, 0);
                mail.purge();

                List<String> rows = new ArrayList<>();
                List<String> splits = new ArrayList<>();
                List<String> budgets = new ArrayList<>();
                List<String> threadTables = new ArrayList<>();
                Result burstResult = null;
                List<ReceivedMail> sent = List.of();
                if (burst > 0) {
                    meters.start();
                    burstResult = run(producer, mail, burst, 0);
                    meters.stop("burst " + burst, burst, budgets, threadTables);
                    rows.add(row("service: Kafka event -> SMTP acceptance, burst", burstResult));
                    splits.add("burst " + burst + ":\n" + burstResult.split(infra));
                    sent = mail.messages();
                    mail.purge();
                }
                for (int rate : rates) {
                    System.out.printf("paced %d/s for %d s ...%n", rate, pacedSeconds);
                    meters.start();
                    Result paced = run(producer, mail, rate * pacedSeconds, rate);
                    meters.stop("paced " + rate + "/s", rate * pacedSeconds, budgets, threadTables);
                    rows.add(row("service: Kafka event -> SMTP acceptance, paced " + rate + "/s", paced));
                    splits.add("paced " + rate + "/s:\n" + paced.split(infra));
                    mail.purge();
                }
                Result plainSerial = null;
                Result plainPooled = null;
                if (burst > 0) {
                    meters.start();
                    plainSerial = plain(infra.smtpPort(), sent, 1, mail);
                    meters.stop("plain Jakarta Mail, 1 connection", sent.size(), budgets, threadTables);
                    rows.add(row("plain Jakarta Mail loop, 1 connection", plainSerial));
                    mail.purge();
                    meters.start();
                    plainPooled = plain(infra.smtpPort(), sent, 10, mail);
                    meters.stop("plain Jakarta Mail, 10 connections", sent.size(), budgets, threadTables);
                    rows.add(row("plain Jakarta Mail, 10 connections (the mailer's pool size)", plainPooled));
                }

                System.out.println();
                System.out.println("| Path | Mails | Mails/s | p50 ms | p99 ms | max ms |");
                System.out.println("|---|---:|---:|---:|---:|---:|");
                rows.forEach(System.out::println);
                System.out
                        .println("\nWhere the service's time goes, per mail (publication, the ledger row's created_at,"
                                + " SMTP acceptance):");
                splits.forEach(System.out::println);
                System.out.println("\nWhere the cores went (CPU ms per mail; the plain loops' threads count as"
                        + " the benchmark JVM's other threads):");
                budgets.forEach(System.out::println);
                Path threadFile = logs.resolve("report-threads.md");
                Files.writeString(threadFile, String.join("\n", threadTables));
                System.out.println("(the benchmark JVM's CPU per thread name: " + threadFile + ")");
                if (burstResult != null) {
                    System.out.printf("%nservice burst / plain 1 connection = %.2f; / plain 10 connections = %.2f%n",
                            burstResult.perSecond() / plainSerial.perSecond(),
                            burstResult.perSecond() / plainPooled.perSecond());
                }
            } finally {
                service.stop();
            }
        }
    }

    /** As deployed (BenchSupport.deployedJvm); the demo tenant's flood protection would measure the limit. */
    private static List<String> serviceArgs() {
        List<String> args = BenchSupport
                .deployedJvm("-Dorikaeshi.tenants.acme-jp.notifications.sending-limit=100000000");
        System.out.println("service JVM args: " + args);
        return args;
    }

    /** The CPU budget and the per-thread check of one measured run, from its start to its last mail. */
    private record Meters(CpuMeter cpu, CpuMeter threads) {

        void start() {
            cpu.start();
            threads.start();
        }

        void stop(String run, int mails, List<String> budgets, List<String> threadTables) {
            CpuMeter.Report budget = cpu.stop();
            CpuMeter.Report perThread = threads.stop();
            budgets.add(run + ":\n" + budget.table(mails, "mail"));
            threadTables.add(run + ":\n" + perThread.table(mails, "mail"));
        }
    }

    record Result(int count, double perSecond, double p50, double p99, double max, Map<String, Instant> published,
            Map<String, Instant> accepted) {

        String split(LocalInfrastructure infra) throws Exception {
            return new StageSplit("published", published).then("queued", StageSplit.queuedAt(infra))
                    .then("SMTP accepted", accepted).render();
        }
    }

    /** Publishes {@code count} reports (all at once when rate is 0) and waits until the SMTP server has them all. */
    private static Result run(KafkaProducer<String, String> producer, MailCatcher mail, int count, int rate)
            throws Exception {
        Map<String, Instant> published = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        Instant first = Instant.now();
        for (int i = 0; i < count; i++) {
            if (rate > 0) {
                long due = start + i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            CallReceived event = EventFixtures.callReceived("acme-jp", EventFixtures.newCallId(),
                    Instant.now().plusSeconds(7200));
            published.put(event.callId(), Instant.now());
            producer.send(new ProducerRecord<>(Topics.CALL_EVENTS, event.key(), EventCodec.toJson(event)));
        }
        producer.flush();
        if (!BenchSupport.awaitCount(mail, count, WAIT)) {
            throw new IllegalStateException(
                    "Only " + mail.messages().size() + " of " + count + " mails within " + WAIT);
        }
        List<ReceivedMail> received = mail.messages();
        double[] latencies = new double[count];
        Instant last = first;
        Map<String, Instant> accepted = new HashMap<>();
        int i = 0;
        for (ReceivedMail m : received.subList(0, count)) {
            Matcher id = CALL_ID.matcher(m.textBody().strip());
            if (!id.find() || !published.containsKey(id.group().strip())) {
                throw new IllegalStateException("A mail of another run: " + m.subject());
            }
            latencies[i++] = Duration.between(published.get(id.group().strip()), m.receivedAt()).toNanos() / 1e6;
            accepted.put(id.group().strip(), m.receivedAt());
            last = m.receivedAt().isAfter(last) ? m.receivedAt() : last;
        }
        if (mail.messages().size() != count) {
            throw new IllegalStateException("Expected " + count + " mails, got " + mail.messages().size());
        }
        return result(latencies, Duration.between(first, last), published, accepted);
    }

    /** The same messages as the service sent, through Jakarta Mail with {@code connections} parallel connections. */
    private static Result plain(int smtpPort, List<ReceivedMail> messages, int connections, MailCatcher mail)
            throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(smtpPort));
        Session session = Session.getInstance(props);
        double[] latencies = new double[messages.size()];
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        Instant first = Instant.now();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int worker = c;
            workers.add(pool.submit(() -> {
                try (Transport transport = session.getTransport("smtp")) {
                    transport.connect();
                    for (int i = worker; i < messages.size(); i += connections) {
                        MimeMessage message = mime(session, messages.get(i));
                        long t0 = System.nanoTime();
                        transport.sendMessage(message, message.getAllRecipients());
                        latencies[i] = (System.nanoTime() - t0) / 1e6;
                    }
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        pool.shutdown();
        BenchSupport.awaitCount(mail, messages.size(), WAIT);
        return result(latencies, Duration.between(first, Instant.now()), Map.of(), Map.of());
    }

    /** Built per send, as the mailer builds each message: multipart/alternative, UTF-8, the same Message-ID. */
    private static MimeMessage mime(Session session, ReceivedMail sent) throws Exception {
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", sent.messageId());
            }
        };
        message.setFrom(new InternetAddress(LocalSystem.MAIL_FROM));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(sent.to().get(0)));
        message.setSubject(sent.subject(), "UTF-8");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(sent.textBody(), "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(sent.htmlBody(), "UTF-8", "html");
        message.setContent(new MimeMultipart("alternative", text, html));
        message.saveChanges();
        return message;
    }

    private static Result result(double[] latencies, Duration elapsed, Map<String, Instant> published,
            Map<String, Instant> accepted) {
        double[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new Result(sorted.length, sorted.length / (elapsed.toNanos() / 1e9),
                sorted[(int) Math.floor(0.50 * (sorted.length - 1))],
                sorted[(int) Math.floor(0.99 * (sorted.length - 1))], sorted[sorted.length - 1], published, accepted);
    }

    private static String row(String name, Result r) {
        return String.format("| %s | %d | %.0f | %.1f | %.1f | %.1f |", name, r.count(), r.perSecond(), r.p50(),
                r.p99(), r.max());
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }
}
