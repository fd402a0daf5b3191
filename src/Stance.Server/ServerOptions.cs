namespace Stance.Server;

/// <summary>
/// How <c>stance serve</c> runs. Every limit has a documented default; a request beyond one is
/// refused with a problem document naming the limit, never a stack trace.
/// </summary>
public sealed record ServerOptions
{
    /// <summary>The model file; watched, and reloaded when it is replaced.</summary>
    public required string ModelPath { get; init; }

    /// <summary>The address to listen on (default loopback only).</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The TCP port (0: any free port).</summary>
    public int Port { get; init; } = 5080;

    /// <summary>Most texts in one <c>/v1/classify</c> request (default 10,000); more is 413.</summary>
    public int MaxTexts { get; init; } = 10_000;

    /// <summary>Largest request body in bytes (default 4 MiB); more is 413.</summary>
    public long MaxBodyBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Most features per head that <c>explain</c> may ask for (<c>top</c>, default 8).</summary>
    public int MaxTop { get; init; } = 100;

    /// <summary>
    /// Texts being classified at once, over all requests (the concurrency limit, counted in texts so
    /// that a 1,000-quote batch weighs 1,000 single quotes). 0: the tier's default, 16,384 texts for
    /// the fast tier and 4 per core for a model with a sentence encoder (the accurate tier, or an ensemble with an accurate member: its encoder takes milliseconds a text, and
    /// each text in flight holds a thread).
    /// </summary>
    public int MaxTextsInFlight { get; init; }

    /// <summary>Texts waiting for their turn (the bounded queue); 0: four times <see cref="MaxTextsInFlight"/>. A request that finds it full is answered 429.</summary>
    public int MaxTextsQueued { get; init; }

    /// <summary>How long a request may wait in the queue before it is answered 503; null: the tier's default, 0.5 s for the fast tier, 5 s for the accurate tier.</summary>
    public TimeSpan? QueueTimeout { get; init; }

    /// <summary>Watch the model file and load it again when it is replaced (default on).</summary>
    public bool WatchModel { get; init; } = true;

    /// <summary>Wait this long after the last change of the model file before loading it (default 0.3 s).</summary>
    public TimeSpan ReloadDelay { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>One log line per request (method, path, status, duration, texts; never the quotes). Default on.</summary>
    public bool AccessLog { get; init; } = true;

    /// <summary>The log's form: <c>text</c> (one line per event, the default) or <c>json</c> (one JSON object per line, with the fields of each event).</summary>
    public string LogFormat { get; init; } = "text";

    /// <summary>How long shutdown waits for requests in flight (default 10 s).</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The effective in-flight limit for a model of the given tier.</summary>
    /// <remarks>The tier is that of the model's features (<see cref="FeatureSettings.Tier"/>): <c>accurate</c> whenever a sentence encoder is used.</remarks>
    public int TextsInFlight(string tier) =>
        MaxTextsInFlight > 0 ? MaxTextsInFlight : tier == "accurate" ? 4 * Environment.ProcessorCount : 16_384;

    /// <summary>The effective queue timeout for a model of the given tier.</summary>
    public TimeSpan QueueWait(string tier) => QueueTimeout ?? (tier == "accurate" ? TimeSpan.FromSeconds(5) : TimeSpan.FromMilliseconds(500));

    /// <summary>The effective queue limit for a model of the given tier.</summary>
    public int TextsQueued(string tier) => MaxTextsQueued > 0 ? MaxTextsQueued : 4 * TextsInFlight(tier);
}
