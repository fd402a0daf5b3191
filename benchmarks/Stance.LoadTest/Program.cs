// The server's load test, on loopback only and bounded in time: each scenario runs for --seconds
// (default 5) and stops by itself. It starts the server in this process on 127.0.0.1 and a free
// port, measures the library in process first (the baseline of the same run), then drives the
// API with closed-loop HTTP/1.1 clients (each connection sends its next request when the last is
// answered) and reports requests/s, quotes/s, p50/p99/max latency and the status counts.
//
//   dotnet run -c Release --project benchmarks/Stance.LoadTest -- [--seconds 5] [--tier fast|accurate|both] [--accurate-model FILE] [--access-log]
//
// The load generator shares the machine's cores with the server, so the HTTP figures are a floor.
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Stance;
using Stance.IO.Csv;
using Stance.Server;

double seconds = 5;
string tiers = "both";
bool accessLog = false;
string? accurateModel = null;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--seconds": seconds = double.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
        case "--tier": tiers = args[++i]; break;
        case "--access-log": accessLog = true; break;
        case "--accurate-model": accurateModel = args[++i]; break;
        default: Console.Error.WriteLine($"unknown argument {args[i]}"); return 2;
    }
}

string root = FindRoot();
string[] quotes = ReadQuotes(Path.Combine(root, "data", "statements.csv"));
Console.WriteLine($"# Stance server load test, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, {quotes.Length} corpus quotes, {seconds:0.#} s per scenario, access log {(accessLog ? "on" : "off")}");
Console.WriteLine();
Console.WriteLine("| tier | scenario | connections | requests | requests/s | quotes/s | p50 ms | p99 ms | max ms | statuses |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");

foreach (string tier in tiers == "both" ? new[] { "fast", "accurate" } : new[] { tiers })
{
    string model = tier == "fast" ? Path.Combine(root, "models", "stance-fast.zip") : Path.GetFullPath(accurateModel ?? Path.Combine(root, "models", "stance.zip"));
    bool fast = tier == "fast";
    try
    {
        StanceClassifier.Load(model).Dispose();
    }
    catch (StanceException e)
    {
        Console.WriteLine($"| {tier} | skipped: {e.Message.ReplaceLineEndings(" ")} |||||||||");
        continue;
    }

    // Baseline: the library in process, on every core.
    using (StanceClassifier classifier = StanceClassifier.Load(model))
    {
        Baseline(tier, "library Classify, 1 quote a call, all cores", seconds, () => classifier.Classify(quotes[Random.Shared.Next(quotes.Length)]), 1, Environment.ProcessorCount);
        string[] batch = quotes.Take(fast ? 1000 : 100).ToArray();
        Baseline(tier, $"library ClassifyMany, {batch.Length}-quote batches", seconds, () => classifier.ClassifyMany(batch).Count(), batch.Length, 1);
    }

    var options = new ServerOptions { ModelPath = model, Port = 0, WatchModel = false, AccessLog = accessLog };
    await using (WebApplication app = StanceServer.Build(options))
    {
        await app.StartAsync();
        string address = StanceServer.Addresses(app).Single();
        if (fast)
        {
            await Http(tier, "single quote", address, 64, seconds, 1);
            await Http(tier, "1,000-quote batches", address, 4, seconds, 1000);
        }
        else
        {
            await Http(tier, "single quote", address, 8, seconds, 1);
            await Http(tier, "100-quote batches", address, 2, seconds, 100);
        }

        await app.StopAsync();
    }

    // Overload: four times the in-flight limit's worth of texts asked for at once, again and again.
    var tight = options with { MaxTextsInFlight = fast ? 2000 : 8, MaxTextsQueued = fast ? 2000 : 32 };
    await using (WebApplication app = StanceServer.Build(tight))
    {
        await app.StartAsync();
        string address = StanceServer.Addresses(app).Single();
        long before = GC.GetTotalMemory(false);
        int size = fast ? 1000 : 4;
        int connections = 4 * (tight.MaxTextsInFlight + tight.MaxTextsQueued) / size;
        await Http(tier, $"overload: {size}-quote batches, 4x (in flight + queue) = {connections * size} texts asked", address, connections, seconds, size);
        Console.WriteLine($"|   |   overload memory: managed heap {before / 1e6:0} MB before, {GC.GetTotalMemory(false) / 1e6:0} MB after, process peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB |||||||||");
        await app.StopAsync();
    }
}

return 0;

void Baseline(string tier, string name, double duration, Func<object> work, int quotesPerCall, int threads)
{
    var latencies = new List<double>[threads];
    var deadline = Stopwatch.StartNew();
    Parallel.For(0, threads, t =>
    {
        var mine = latencies[t] = new List<double>(1 << 16);
        while (deadline.Elapsed.TotalSeconds < duration)
        {
            long start = Stopwatch.GetTimestamp();
            work();
            mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    });
    double elapsed = deadline.Elapsed.TotalSeconds;
    double[] all = latencies.SelectMany(l => l).Order().ToArray();
    Row(tier, name, "-", all.Length, elapsed, quotesPerCall, all, "-");
}

async Task Http(string tier, string name, string address, int connections, double duration, int textsPerRequest)
{
    using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseProxy = false, AutomaticDecompression = DecompressionMethods.None };
    using var client = new HttpClient(handler) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
    byte[][] bodies = Enumerable.Range(0, 64).Select(i => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { texts = Enumerable.Range(0, textsPerRequest).Select(j => quotes[(i * 7919 + j) % quotes.Length]).ToArray() }))).ToArray();

    // Warm up the connections and the code paths, briefly.
    await Task.WhenAll(Enumerable.Range(0, connections).Select(c => Send(client, bodies[c % bodies.Length])));
    var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
    var latencies = new List<double>[connections];
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, connections).Select(async c =>
    {
        var mine = latencies[c] = new List<double>(1 << 14);
        int n = c;
        while (clock.Elapsed.TotalSeconds < duration)
        {
            long start = Stopwatch.GetTimestamp();
            int status = await Send(client, bodies[n++ % bodies.Length]);
            mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            statuses.AddOrUpdate(status, 1, (_, v) => v + 1);
        }
    }));
    double elapsed = clock.Elapsed.TotalSeconds;
    double[] all = latencies.SelectMany(l => l).Order().ToArray();
    int ok = statuses.TryGetValue(200, out int o) ? o : 0;
    string counts = string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}: {p.Value}"));
    Row(tier, name, connections.ToString(), all.Length, elapsed, textsPerRequest, all, counts, ok);
}

static async Task<int> Send(HttpClient client, byte[] body)
{
    using var content = new ByteArrayContent(body);
    content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
    try
    {
        using HttpResponseMessage response = await client.PostAsync("/v1/classify", content);
        await response.Content.CopyToAsync(Stream.Null);
        return (int)response.StatusCode;
    }
    catch (HttpRequestException)
    {
        return -1;
    }
    catch (TaskCanceledException)
    {
        return -2;
    }
}

static void Row(string tier, string name, string connections, int requests, double elapsed, int quotesPerRequest, double[] sorted, string statuses, int? succeeded = null)
{
    double p(double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
    int served = succeeded ?? requests;
    Console.WriteLine($"| {tier} | {name} | {connections} | {requests:N0} | {requests / elapsed:N0} | {served * (double)quotesPerRequest / elapsed:N0} | {p(0.5):0.00} | {p(0.99):0.00} | {(sorted.Length == 0 ? double.NaN : sorted[^1]):0.0} | {statuses} |");
}

static string FindRoot()
{
    for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "Stance.sln")))
        {
            return directory.FullName;
        }
    }

    throw new InvalidOperationException("Stance.sln not found");
}

static string[] ReadQuotes(string path)
{
    using CsvTableReader reader = CsvTableReader.Open(path, CsvFormat.Default);
    int text = reader.RequireColumn("text", "text");
    var quotes = new List<string>();
    while (reader.Read())
    {
        quotes.Add(reader.GetString(text));
    }

    return quotes.ToArray();
}
