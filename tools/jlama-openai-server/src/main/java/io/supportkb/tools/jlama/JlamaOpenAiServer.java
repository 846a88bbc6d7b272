package io.supportkb.tools.jlama;

import com.github.tjake.jlama.model.AbstractModel;
import com.github.tjake.jlama.model.ModelSupport;
import com.github.tjake.jlama.model.functions.Generator;
import com.github.tjake.jlama.safetensors.DType;
import java.io.File;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Boots Jlama's OpenAI-compatible REST service ({@code com.github.tjake.jlama.net.openai.OpenAIChatService},
 * {@code POST /chat/completions}, no {@code /v1} prefix) on a loopback port with a local model folder, the way
 * {@code jlama-cli serve} does, minus the chat UI and the model download.
 *
 * <p>Usage: {@code JlamaOpenAiServer --model <folder> [--port <n>] [--host 127.0.0.1] [--threads <n>]}. Port 0
 * (the default) takes any free port. When the server accepts requests it prints exactly one line
 * {@value #READY_PREFIX}{@code http://<host>:<port>} on standard output; callers wait for it.
 */
@SpringBootApplication(scanBasePackages = "com.github.tjake.jlama.net.openai")
public class JlamaOpenAiServer {

    /** Start of the line printed when the server is ready; the base URL follows it. */
    public static final String READY_PREFIX = "jlama-openai-server ready at ";

    private static volatile Generator generator;

    /** The model the OpenAI controller autowires. */
    @Bean
    Generator generator() {
        return generator;
    }

    public static void main(String[] args) {
        Map<String, String> options = options(args);
        File model = new File(required(options, "--model"));
        String host = options.getOrDefault("--host", "127.0.0.1");
        Optional<Integer> threads = Optional.ofNullable(options.get("--threads")).map(Integer::valueOf);

        AbstractModel loaded = ModelSupport.loadModel(model, null, DType.F32, DType.I8, Optional.empty(), threads);
        generator = new CompletionBudget(loaded);

        Map<String, Object> properties = new HashMap<>();
        properties.put("server.address", host);
        properties.put("server.port", options.getOrDefault("--port", "0"));
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.level.root", "warn");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(JlamaOpenAiServer.class)
                .properties(properties)
                .run();
        // run() returns once the web server accepts requests
        System.out.println(READY_PREFIX + "http://" + host + ":"
                + context.getEnvironment().getProperty("local.server.port"));
    }

    private static Map<String, String> options(String[] args) {
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("options come in pairs: --model <folder> [--port <n>] [--host <ip>] "
                    + "[--threads <n>]");
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }
}
